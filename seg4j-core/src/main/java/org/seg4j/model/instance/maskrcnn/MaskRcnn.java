package org.seg4j.model.instance.maskrcnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import java.util.Random;
import org.seg4j.model.encoder.ResNetEncoder;

/**
 * Mask R-CNN (He et al., 2017) with a ResNet + FPN backbone, as torchvision's {@code
 * maskrcnn_resnet50_fpn}: {@link Fpn} over the ResNet's stages C2..C5, {@link RpnHead} on P2..P6
 * with proposal selection, {@link BoxHead} on 7x7 and {@link MaskHead} on 14x14 RoIAligned
 * features of P2..P5. Widths and counts come from {@link MaskRcnnConfig}.
 *
 * <p>As a DJL block its forward pass maps a normalised NCHW image batch (sides a multiple of 32)
 * to the pyramid P2..P6; {@link #losses} and {@link #detect} run the whole network for training
 * and inference. Parameters are saved and loaded like any block's.
 */
public final class MaskRcnn extends AbstractBlock {

    private static final byte VERSION = 1;

    /** Inputs must be a multiple of this (the deepest stride). */
    public static final int SIZE_DIVISOR = 32;

    private final MaskRcnnConfig config;
    private final ResNetEncoder backbone;
    private final Fpn fpn;
    private final RpnHead rpnHead;
    private final BoxHead boxHead;
    private final MaskHead maskHead;
    private final RegionProposals proposals;
    private final RoiHeads roiHeads;

    /** A network with the given settings; initialise it with {@link #initialize(NDManager, DataType, Shape...)}. */
    public MaskRcnn(MaskRcnnConfig config) {
        super(VERSION);
        this.config = config;
        backbone = addChildBlock("backbone", ResNetEncoder.builder().setDepth(config.depth).optWidth(config.width)
                .build());
        fpn = addChildBlock("fpn", new Fpn(4, config.fpnChannels));
        proposals = new RegionProposals(config);
        rpnHead = addChildBlock("rpn", new RpnHead(config.fpnChannels, proposals.anchorsPerLocation()));
        boxHead = addChildBlock("box_head", new BoxHead(config.representation, config.numClasses));
        maskHead = addChildBlock("mask_head", new MaskHead(4, config.maskChannels, config.numClasses));
        roiHeads = new RoiHeads(config);
    }

    /** The settings. */
    public MaskRcnnConfig config() {
        return config;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        Shape s = inputs.head().getShape();
        if (s.dimension() != 4 || s.get(1) != 3 || s.get(2) % SIZE_DIVISOR != 0 || s.get(3) % SIZE_DIVISOR != 0) {
            throw new IllegalArgumentException("mask-rcnn needs an N x 3 x H x W batch with H and W multiples of "
                    + SIZE_DIVISOR + ", got " + s);
        }
        NDList stages = backbone.forward(ps, inputs, training);
        return fpn.forward(ps, new NDList(stages.get(1), stages.get(2), stages.get(3), stages.get(4)), training);
    }

    /** The loss terms of a training batch, each a scalar. */
    public record Losses(NDArray rpnObjectness, NDArray rpnBox, NDArray classifier, NDArray box, NDArray mask) {

        /** Their sum, which torchvision trains on. */
        public NDArray total() {
            return rpnObjectness.add(rpnBox).add(classifier).add(box).add(mask);
        }

        /** The five values, in the order rpn objectness, rpn box, classifier, box, mask. */
        public float[] values() {
            return new float[] {rpnObjectness.getFloat(), rpnBox.getFloat(), classifier.getFloat(), box.getFloat(),
                    mask.getFloat()};
        }
    }

    /**
     * Runs the network in training mode on a batch and returns its losses (call inside a gradient
     * collector). Everything it creates is attached to the manager of {@code images}.
     *
     * @param images normalised {@code [N, 3, H, W]}, H and W multiples of 32
     * @param targets each image's ground truth (images may be smaller than H x W: padding at the bottom/right)
     * @param random draws the anchor and proposal samples
     */
    public Losses losses(ParameterStore ps, NDArray images, List<InstanceTargets> targets, Random random) {
        int n = (int) images.getShape().get(0);
        if (targets.size() != n) {
            throw new IllegalArgumentException("a batch of " + n + " images needs " + n + " targets, got "
                    + targets.size());
        }
        int h = (int) images.getShape().get(2);
        int w = (int) images.getShape().get(3);
        for (InstanceTargets t : targets) {
            if (t.height() > h || t.width() > w) {
                throw new IllegalArgumentException("target of " + t.width() + "x" + t.height()
                        + " is larger than the " + w + "x" + h + " input");
            }
        }
        NDList features = forward(ps, new NDList(images), true);
        RegionProposals.Flat flat = proposals.flatten(rpnHead.forward(ps, features, true), h);
        NDArray[] rpn = proposals.loss(flat, targets, random);
        int[][] sizes = new int[n][];
        for (int i = 0; i < n; i++) {
            sizes[i] = new int[] {targets.get(i).height(), targets.get(i).width()};
        }
        float[][] props = proposals.propose(flat, sizes, true);
        NDArray[] roi = roiHeads.loss(ps, boxHead, maskHead, pyramid(features), props, targets, h, w, random);
        return new Losses(rpn[0], rpn[1], roi[0], roi[1], roi[2]);
    }

    /**
     * Detections of each image of a batch (inference mode).
     *
     * @param images normalised {@code [N, 3, H, W]}, H and W multiples of 32
     * @param imageSizes each image's {@code {height, width}} before padding: boxes are clipped to it
     */
    public List<RawDetections> detect(ParameterStore ps, NDArray images, int[][] imageSizes) {
        if (imageSizes.length != images.getShape().get(0)) {
            throw new IllegalArgumentException("a batch of " + images.getShape().get(0) + " images needs as many sizes, got "
                    + imageSizes.length);
        }
        int h = (int) images.getShape().get(2);
        int w = (int) images.getShape().get(3);
        NDList features = forward(ps, new NDList(images), false);
        RegionProposals.Flat flat = proposals.flatten(rpnHead.forward(ps, features, false), h);
        float[][] props = proposals.propose(flat, imageSizes, false);
        return roiHeads.detect(ps, boxHead, maskHead, pyramid(features), props, h, w, imageSizes);
    }

    /** P2..P5: the levels the RoI heads pool from (P6 serves the RPN only). */
    private static NDList pyramid(NDList features) {
        return new NDList(features.get(0), features.get(1), features.get(2), features.get(3));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] stages = backbone.getOutputShapes(inputShapes);
        return fpn.getOutputShapes(new Shape[] {stages[1], stages[2], stages[3], stages[4]});
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        backbone.initialize(manager, dataType, inputShapes);
        Shape[] stages = backbone.getOutputShapes(inputShapes);
        Shape[] c = {stages[1], stages[2], stages[3], stages[4]};
        fpn.initialize(manager, dataType, c);
        Shape p2 = fpn.getOutputShapes(c)[0];
        rpnHead.initialize(manager, dataType, p2);
        boxHead.initialize(manager, dataType, new Shape(1, config.fpnChannels, RoiHeads.BOX_POOL, RoiHeads.BOX_POOL));
        maskHead.initialize(manager, dataType, new Shape(1, config.fpnChannels, RoiHeads.MASK_POOL,
                RoiHeads.MASK_POOL));
    }
}
