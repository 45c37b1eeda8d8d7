/**
 * Segmentation networks. A model is an {@link org.seg4j.model.Encoder}, a {@link
 * org.seg4j.model.Decoder} and a {@link org.seg4j.model.SegmentationHead}, composed by {@link
 * org.seg4j.model.SegmentationModel}; {@link org.seg4j.model.ModelRegistry} builds one from a
 * {@link org.seg4j.model.ModelSpec} by architecture name, and {@link org.seg4j.model.ModelDirectory}
 * saves and loads it with its {@link org.seg4j.model.ModelManifest}.
 *
 * <pre>{@code
 * ModelSpec spec = new ModelSpec("unet", "", 12, 16, Map.of("depth", "4"));
 * Block model = ModelRegistry.create(spec);               // a SegmentationModel
 * ModelDirectory.initialize(model, manager, 360, 480);    // any size works
 * try (NDManager sub = manager.newSubManager()) {
 *     NDArray logits = model.forward(new ParameterStore(manager, false),
 *             new NDList(sub.create(images)), false).head(); // (N, 12, H, W)
 * }
 * }</pre>
 *
 * <p>Architectures are listed by {@link org.seg4j.model.ModelRegistry#names()}. Each declares the
 * options its spec may set ({@link org.seg4j.model.ModelOption}; the encoder's count too), and a
 * spec with an unknown option or a value of the wrong type is rejected ({@link
 * org.seg4j.model.ModelOptions}). {@link org.seg4j.model.ModelStats} gives parameter counts and GFLOPs.
 */
package org.seg4j.model;
