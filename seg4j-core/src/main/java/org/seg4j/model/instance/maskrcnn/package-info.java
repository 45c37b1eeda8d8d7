/**
 * Mask R-CNN (He et al., 2017), top-down instance segmentation, after torchvision's {@code
 * maskrcnn_resnet50_fpn} and scaled for CPUs ({@link org.seg4j.model.instance.maskrcnn.MaskRcnnConfig}):
 * {@link org.seg4j.model.instance.maskrcnn.MaskRcnn} composes a ResNet encoder, an
 * {@link org.seg4j.model.instance.maskrcnn.Fpn}, the {@link org.seg4j.model.instance.maskrcnn.RpnHead}
 * with anchors ({@link org.seg4j.model.instance.maskrcnn.AnchorGenerator}), matching
 * ({@link org.seg4j.model.instance.maskrcnn.Matcher}, {@link org.seg4j.model.instance.maskrcnn.BalancedSampler})
 * and proposal selection, and the {@link org.seg4j.model.instance.maskrcnn.BoxHead} and
 * {@link org.seg4j.model.instance.maskrcnn.MaskHead} on multi-scale RoIAlign features; it owns its
 * losses ({@link org.seg4j.model.instance.maskrcnn.MaskRcnn#losses}) and its raw detections
 * ({@link org.seg4j.model.instance.maskrcnn.MaskRcnn#detect}). The generic operations (RoIAlign,
 * NMS, box coding) live in {@link org.seg4j.model.layer}; pasting masks into images and the
 * predictor in {@link org.seg4j.infer.instance}; the training step in {@code org.seg4j.train.instance}.
 */
package org.seg4j.model.instance.maskrcnn;
