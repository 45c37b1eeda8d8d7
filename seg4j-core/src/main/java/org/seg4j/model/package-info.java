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
 * <p>Architectures: {@code unet} (encoders {@code unet}, {@code vgg16}) and {@code fcn8s} (encoder
 * {@code vgg16}, or {@code unet} with option {@code depth: 5}). {@link org.seg4j.model.ModelStats}
 * gives parameter counts and GFLOPs.
 */
package org.seg4j.model;
