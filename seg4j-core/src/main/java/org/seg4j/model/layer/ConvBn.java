package org.seg4j.model.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.seg4j.Seg4jException;

/**
 * A {@code k x k} convolution without bias, batch norm and an optional activation, with "same"
 * padding for its dilation ({@code dilation * (k / 2)}): the unit of ResNet and MobileNet.
 *
 * <p>Unlike a {@code SequentialBlock} with an activation {@code LambdaBlock}, its output shape is
 * computed without running anything, which keeps shape inference and initialisation of deep
 * encoders cheap.
 */
public final class ConvBn extends AbstractBlock implements BatchNormFoldable {

    private static final byte VERSION = 1;

    /** The activation after batch norm. */
    public enum Nonlinearity {
        /** None (e.g. the last unit of a residual branch). */
        NONE,
        /** {@code max(x, 0)}. */
        RELU,
        /** {@code min(max(x, 0), 6)}, MobileNet's. */
        RELU6,
        /** {@code x * relu6(x + 3) / 6}, MobileNetV3's hard swish ({@link HardActivations#hardSwish}). */
        HARD_SWISH
    }

    private final Nonlinearity nonlinearity;
    private final float epsilon;
    private final Conv2d conv;
    private final BatchNorm norm;
    private volatile BatchNormFolding.FoldedConv folded;
    private NDManager foldManager;

    private ConvBn(Builder b) {
        super(VERSION);
        this.nonlinearity = b.nonlinearity;
        this.epsilon = b.epsilon;
        this.conv = addChildBlock("conv", Layers.sameConv(b.filters, b.kernel, b.stride, b.dilation, b.groups));
        this.norm = addChildBlock("bn", BatchNorm.builder().optEpsilon(b.epsilon).optMomentum(b.momentum).build());
    }

    /** The activation after batch norm. */
    public Nonlinearity nonlinearity() {
        return nonlinearity;
    }

    /** The batch norm's epsilon (added to the variance). */
    public float epsilon() {
        return epsilon;
    }

    /** The convolution (without bias). */
    public Conv2d conv() {
        return conv;
    }

    /** The batch norm after the convolution. */
    public BatchNorm norm() {
        return norm;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        BatchNormFolding.FoldedConv f = folded;
        NDList y;
        if (training) {
            y = norm.forward(ps, conv.forward(ps, inputs, true, params), true, params);
        } else if (f != null) {
            y = f.forward(inputs.head());
        } else {
            NDList c = conv.forward(ps, inputs, false, params);
            y = norm.forward(ps, c, false, params);
            Release.closeExcept(c, y);
        }
        NDArray x = y.head();
        NDArray out = switch (nonlinearity) {
            case NONE -> x;
            case RELU -> Activation.relu(x);
            case RELU6 -> Activation.relu6(x);
            case HARD_SWISH -> HardActivations.hardSwish(x);
        };
        if (!training) {
            Release.close(x, out);
        }
        return new NDList(out);
    }

    @Override
    public synchronized int foldBatchNorm() {
        unfoldBatchNorm();
        foldManager = conv.getParameters().get(0).getValue().getArray().getManager().newSubManager();
        folded = BatchNormFolding.fold(conv, norm, epsilon, foldManager);
        return 1;
    }

    @Override
    public synchronized void unfoldBatchNorm() {
        folded = null;
        if (foldManager != null) {
            foldManager.close();
            foldManager = null;
        }
    }

    @Override
    public boolean isBatchNormFolded() {
        return folded != null;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return conv.getOutputShapes(inputShapes);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        conv.initialize(manager, dataType, inputShapes);
        norm.initialize(manager, dataType, conv.getOutputShapes(inputShapes));
    }

    /** Builder: {@link #setFilters} and {@link #setKernel} are required. */
    public static final class Builder {
        private int filters;
        private int kernel;
        private int stride = 1;
        private int dilation = 1;
        private int groups = 1;
        private Nonlinearity nonlinearity = Nonlinearity.RELU;
        private float epsilon = BatchNormFolding.EPSILON;
        private float momentum = 0.9f;

        private Builder() {}

        /** Output channels. */
        public Builder setFilters(int filters) {
            this.filters = filters;
            return this;
        }

        /** Kernel size (odd). */
        public Builder setKernel(int kernel) {
            this.kernel = kernel;
            return this;
        }

        /** Stride (default 1). */
        public Builder optStride(int stride) {
            this.stride = stride;
            return this;
        }

        /** Dilation (default 1); the padding grows with it so the size only depends on the stride. */
        public Builder optDilation(int dilation) {
            this.dilation = dilation;
            return this;
        }

        /** Convolution groups (default 1; the input channels for a depthwise convolution). */
        public Builder optGroups(int groups) {
            this.groups = groups;
            return this;
        }

        /** Activation after batch norm (default {@code RELU}). */
        public Builder optNonlinearity(Nonlinearity nonlinearity) {
            this.nonlinearity = nonlinearity;
            return this;
        }

        /**
         * Batch-norm epsilon (default 1e-5, PyTorch's and DJL's default; torchvision's MobileNetV3
         * uses 1e-3).
         */
        public Builder optEpsilon(float epsilon) {
            this.epsilon = epsilon;
            return this;
        }

        /**
         * Batch-norm momentum in DJL's sense, the weight of the old running statistics (default 0.9,
         * PyTorch's {@code momentum=0.1}; torchvision's MobileNetV3 uses PyTorch 0.01, here 0.99).
         */
        public Builder optMomentum(float momentum) {
            this.momentum = momentum;
            return this;
        }

        /** Validates and builds. */
        public ConvBn build() {
            if (filters < 1 || kernel < 1 || kernel % 2 == 0) {
                throw new Seg4jException("conv unit needs filters >= 1 and an odd kernel, got filters " + filters
                        + ", kernel " + kernel);
            }
            if (stride < 1 || dilation < 1 || groups < 1 || filters % groups != 0) {
                throw new Seg4jException("conv unit needs stride, dilation, groups >= 1 and filters divisible by"
                        + " groups, got stride " + stride + ", dilation " + dilation + ", groups " + groups);
            }
            if (!(epsilon > 0) || !(momentum >= 0 && momentum < 1)) {
                throw new Seg4jException("conv unit batch norm needs epsilon > 0 and momentum in [0, 1), got epsilon "
                        + epsilon + ", momentum " + momentum);
            }
            if (nonlinearity == null) {
                throw new Seg4jException("conv unit nonlinearity must not be null");
            }
            return new ConvBn(this);
        }
    }
}
