package org.seg4j.model.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import org.seg4j.Seg4jException;

/**
 * IBN-Net's instance-batch normalisation (Pan et al., "Two at Once: Enhancing Learning and
 * Generalization Capacities via IBN-Net", ECCV 2018): the first {@code instanceChannels} channels
 * of an NCHW input are instance-normalised (each image and channel by its own spatial mean and
 * variance, in training and inference alike, then an affine scale and shift per channel), the
 * others batch-normalised. Instance normalisation removes an image's contrast and colour cast from
 * the features, which is what makes the network hold up under appearance changes (lighting,
 * weather, another camera); the batch-normalised half keeps the content information that instance
 * normalisation would wash out.
 *
 * <p>The scale and shift are {@link Parameter.Type#GAMMA} and {@link Parameter.Type#BETA}, so the
 * optimiser's {@code norm_decay_mult} treats them as the batch norm's. Their shape is {@code (C, 1,
 * 1)}: they broadcast against the batch's arrays without a reshape of the parameter, whose result
 * would belong to the model's manager and accumulate there.
 */
public final class InstanceBatchNorm extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int channels;
    private final int instanceChannels;
    private final float epsilon;
    private final Parameter gamma;
    private final Parameter beta;
    private final BatchNorm batchNorm;

    /**
     * @param channels input channels
     * @param instanceChannels leading channels that are instance-normalised (1 to {@code channels - 1})
     * @param epsilon added to both variances
     * @param momentum the batch norm's momentum in DJL's sense (weight of the old running statistics)
     */
    public InstanceBatchNorm(int channels, int instanceChannels, float epsilon, float momentum) {
        super(VERSION);
        if (instanceChannels < 1 || instanceChannels >= channels) {
            throw new Seg4jException("instance-batch norm needs 1 to channels - 1 instance-normalised channels, got "
                    + instanceChannels + " of " + channels);
        }
        this.channels = channels;
        this.instanceChannels = instanceChannels;
        this.epsilon = epsilon;
        Shape affine = new Shape(instanceChannels, 1, 1);
        this.gamma = addParameter(Parameter.builder().setName("in_gamma").setType(Parameter.Type.GAMMA)
                .optShape(affine).optInitializer(new ConstantInitializer(1f)).build());
        this.beta = addParameter(Parameter.builder().setName("in_beta").setType(Parameter.Type.BETA)
                .optShape(affine).optInitializer(new ConstantInitializer(0f)).build());
        this.batchNorm = addChildBlock("bn", BatchNorm.builder().optEpsilon(epsilon).optMomentum(momentum).build());
    }

    /** Input channels. */
    public int channels() {
        return channels;
    }

    /** Leading channels that are instance-normalised. */
    public int instanceChannels() {
        return instanceChannels;
    }

    /** Epsilon added to the variances. */
    public float epsilon() {
        return epsilon;
    }

    /** The scale of the instance-normalised channels, shape {@code (instanceChannels, 1, 1)}. */
    public Parameter gamma() {
        return gamma;
    }

    /** The shift of the instance-normalised channels, shape {@code (instanceChannels, 1, 1)}. */
    public Parameter beta() {
        return beta;
    }

    /** The batch norm of the remaining channels. */
    public BatchNorm batchNorm() {
        return batchNorm;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.head();
        if (x.getShape().dimension() != 4 || x.getShape().get(1) != channels) {
            throw new Seg4jException("instance-batch norm of " + channels + " channels got input " + x.getShape());
        }
        NDList halves = x.split(new long[] {instanceChannels}, 1);
        NDArray in = halves.get(0);
        NDArray mean = spatialMean(in);
        NDArray centred = in.sub(mean);
        NDArray std = spatialMean(centred.square()).add(epsilon).sqrt();
        NDArray g = ps.getValue(gamma, x.getDevice(), training);
        NDArray b = ps.getValue(beta, x.getDevice(), training);
        NDArray instance = centred.div(std).mul(g).add(b);
        NDList batch = batchNorm.forward(ps, new NDList(halves.get(1)), training, params);
        NDArray out = NDArrays.concat(new NDList(instance, batch.head()), 1);
        if (!training) {
            // inference keeps only the output; training keeps everything for the backward pass
            for (NDArray a : new NDArray[] {halves.get(0), halves.get(1), mean, centred, std, instance, batch.head()}) {
                Release.close(a, x, out);
            }
        }
        return new NDList(out);
    }

    /** Mean over height and width, kept as {@code (N, C, 1, 1)}: PyTorch's DJL mean takes one axis at a time. */
    private static NDArray spatialMean(NDArray x) {
        return x.mean(new int[] {3}, true).mean(new int[] {2}, true);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        batchNorm.initialize(manager, dataType, new Shape(s.get(0), channels - instanceChannels, s.get(2), s.get(3)));
    }
}
