package org.seg4j.model.instance.maskrcnn;

import java.util.Arrays;
import org.seg4j.Seg4jException;

/**
 * The settings of a {@link MaskRcnn}, scaled for a 2-core CPU. Each default is torchvision's
 * {@code maskrcnn_resnet50_fpn} setting divided down where it is a width or a count (see
 * docs/instances.md for the table); thresholds and loss definitions are torchvision's.
 *
 * <p>Build with {@link #builder()}: {@link Builder#setNumClasses} is required (thing classes,
 * background excluded), everything else optional.
 */
public final class MaskRcnnConfig {

    final int numClasses;
    final int depth;
    final int width;
    final int fpnChannels;
    final int[] anchorSizes;
    final float[] aspectRatios;
    final int rpnPreNmsTrain;
    final int rpnPreNmsTest;
    final int rpnPostNmsTrain;
    final int rpnPostNmsTest;
    final float rpnNms;
    final int rpnBatch;
    final int roiBatch;
    final float roiPositiveFraction;
    final int representation;
    final int maskChannels;
    final float scoreThreshold;
    final float detectionNms;
    final int detectionsPerImage;
    final float canonicalScale;

    private MaskRcnnConfig(Builder b) {
        numClasses = b.numClasses;
        depth = b.depth;
        width = b.width;
        fpnChannels = b.fpnChannels;
        anchorSizes = b.anchorSizes.clone();
        aspectRatios = b.aspectRatios.clone();
        rpnPreNmsTrain = b.rpnPreNmsTrain;
        rpnPreNmsTest = b.rpnPreNmsTest;
        rpnPostNmsTrain = b.rpnPostNmsTrain;
        rpnPostNmsTest = b.rpnPostNmsTest;
        rpnNms = b.rpnNms;
        rpnBatch = b.rpnBatch;
        roiBatch = b.roiBatch;
        roiPositiveFraction = b.roiPositiveFraction;
        representation = b.representation;
        maskChannels = b.maskChannels;
        scoreThreshold = b.scoreThreshold;
        detectionNms = b.detectionNms;
        detectionsPerImage = b.detectionsPerImage;
        canonicalScale = b.canonicalScale;
    }

    /** A new builder with the CPU-scaled defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Thing classes (background excluded). */
    public int numClasses() {
        return numClasses;
    }

    /** Minimum class score of a detection. */
    public float scoreThreshold() {
        return scoreThreshold;
    }

    /** Proposals kept per pyramid level before the RPN's NMS, in training or in inference. */
    public int rpnPreNms(boolean training) {
        return training ? rpnPreNmsTrain : rpnPreNmsTest;
    }

    /** Proposals kept per image after the RPN's NMS, in training or in inference. */
    public int rpnPostNms(boolean training) {
        return training ? rpnPostNmsTrain : rpnPostNmsTest;
    }

    /** Maximum detections per image. */
    public int detectionsPerImage() {
        return detectionsPerImage;
    }

    @Override
    public String toString() {
        return "mask-rcnn(resnet" + depth + " width " + width + ", fpn " + fpnChannels + ", anchors "
                + Arrays.toString(anchorSizes) + " x " + Arrays.toString(aspectRatios) + ", classes " + numClasses + ")";
    }

    /** Builder of {@link MaskRcnnConfig}. */
    public static final class Builder {
        private int numClasses;
        private int depth = 18;
        private int width = 16;
        private int fpnChannels = 64;
        private int[] anchorSizes = {16, 32, 64, 128, 256};
        private float[] aspectRatios = {0.5f, 1f, 2f};
        private int rpnPreNmsTrain = 500;
        private int rpnPreNmsTest = 250;
        private int rpnPostNmsTrain = 250;
        private int rpnPostNmsTest = 125;
        private float rpnNms = 0.7f;
        private int rpnBatch = 256;
        private int roiBatch = 128;
        private float roiPositiveFraction = 0.25f;
        private int representation = 256;
        private int maskChannels = 64;
        private float scoreThreshold = 0.05f;
        private float detectionNms = 0.5f;
        private int detectionsPerImage = 100;
        private float canonicalScale = 112;

        private Builder() {}

        /** Thing classes to detect, background excluded (required, >= 1). */
        public Builder setNumClasses(int numClasses) {
            this.numClasses = numClasses;
            return this;
        }

        /** ResNet depth of the backbone: 18 (default), 34 or 50 (torchvision: 50). */
        public Builder optDepth(int depth) {
            this.depth = depth;
            return this;
        }

        /** ResNet stem width (default 16; torchvision 64). */
        public Builder optWidth(int width) {
            this.width = width;
            return this;
        }

        /** FPN, RPN and RoI feature channels (default 64; torchvision 256). */
        public Builder optFpnChannels(int fpnChannels) {
            this.fpnChannels = fpnChannels;
            return this;
        }

        /** Anchor size of P2..P6 in pixels (default 16..256; torchvision 32..512 for 800-pixel images). */
        public Builder optAnchorSizes(int... sizes) {
            this.anchorSizes = sizes.clone();
            return this;
        }

        /** Anchor aspect ratios height/width (default and torchvision 0.5, 1, 2). */
        public Builder optAspectRatios(float... ratios) {
            this.aspectRatios = ratios.clone();
            return this;
        }

        /** Proposals kept per level before NMS, training / inference (default 500 / 250; torchvision 2000 / 1000). */
        public Builder optRpnPreNms(int train, int test) {
            this.rpnPreNmsTrain = train;
            this.rpnPreNmsTest = test;
            return this;
        }

        /** Proposals kept per image after NMS, training / inference (default 250 / 125; torchvision 2000 / 1000). */
        public Builder optRpnPostNms(int train, int test) {
            this.rpnPostNmsTrain = train;
            this.rpnPostNmsTest = test;
            return this;
        }

        /** IoU of the RPN's per-level NMS (default and torchvision 0.7). */
        public Builder optRpnNms(float rpnNms) {
            this.rpnNms = rpnNms;
            return this;
        }

        /** Anchors sampled per image for the RPN loss (default and torchvision 256). */
        public Builder optRpnBatch(int rpnBatch) {
            this.rpnBatch = rpnBatch;
            return this;
        }

        /** Proposals sampled per image for the box and mask losses (default 128; torchvision 512), and their positive fraction (0.25). */
        public Builder optRoiBatch(int roiBatch, float positiveFraction) {
            this.roiBatch = roiBatch;
            this.roiPositiveFraction = positiveFraction;
            return this;
        }

        /** Units of the box head's two hidden layers (default 256; torchvision 1024). */
        public Builder optRepresentation(int representation) {
            this.representation = representation;
            return this;
        }

        /** Channels of the mask head's convolutions (default 64; torchvision 256). */
        public Builder optMaskChannels(int maskChannels) {
            this.maskChannels = maskChannels;
            return this;
        }

        /** Minimum class score (0.05), per-class NMS IoU (0.5) and detections per image (100), as torchvision. */
        public Builder optDetections(float scoreThreshold, float nms, int perImage) {
            this.scoreThreshold = scoreThreshold;
            this.detectionNms = nms;
            this.detectionsPerImage = perImage;
            return this;
        }

        /**
         * Box side that goes to pyramid level P4 (default 112; torchvision 224 for 800-pixel
         * images): a box of side s is pooled from level floor(4 + log2(s / this)), clamped to P2..P5.
         */
        public Builder optCanonicalScale(float canonicalScale) {
            this.canonicalScale = canonicalScale;
            return this;
        }

        /** Validates and builds. */
        public MaskRcnnConfig build() {
            if (numClasses < 1) {
                throw new Seg4jException("mask-rcnn needs at least one thing class, got " + numClasses);
            }
            if (anchorSizes.length != 5) {
                throw new Seg4jException("mask-rcnn needs 5 anchor sizes (P2..P6), got " + Arrays.toString(anchorSizes));
            }
            if (aspectRatios.length == 0) {
                throw new Seg4jException("mask-rcnn needs at least one anchor aspect ratio");
            }
            if (width < 1 || fpnChannels < 1 || representation < 1 || maskChannels < 1) {
                throw new Seg4jException("mask-rcnn widths must be positive: width " + width + ", fpn " + fpnChannels
                        + ", representation " + representation + ", mask channels " + maskChannels);
            }
            if (rpnPreNmsTrain < 1 || rpnPreNmsTest < 1 || rpnPostNmsTrain < 1 || rpnPostNmsTest < 1 || rpnBatch < 1
                    || roiBatch < 1 || detectionsPerImage < 1) {
                throw new Seg4jException("mask-rcnn proposal and detection counts must be positive");
            }
            if (!(roiPositiveFraction > 0 && roiPositiveFraction <= 1) || !(scoreThreshold >= 0 && scoreThreshold < 1)
                    || !(detectionNms > 0 && detectionNms <= 1) || !(rpnNms > 0 && rpnNms <= 1)
                    || !(canonicalScale > 0)) {
                throw new Seg4jException("mask-rcnn positive fraction must be in (0, 1], score threshold in [0, 1), "
                        + "NMS IoUs in (0, 1] and canonical scale > 0");
            }
            return new MaskRcnnConfig(this);
        }
    }
}
