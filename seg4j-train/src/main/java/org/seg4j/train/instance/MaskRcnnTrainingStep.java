package org.seg4j.train.instance;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import java.util.Random;
import org.seg4j.data.RgbImage;
import org.seg4j.model.SegmentationModel;
import org.seg4j.model.instance.maskrcnn.InstanceTargets;
import org.seg4j.model.instance.maskrcnn.MaskRcnn;
import org.seg4j.model.instance.maskrcnn.MaskRcnnInput;
import org.seg4j.train.optim.Optimizer;
import org.seg4j.transform.Normalization;

/**
 * One Mask R-CNN optimiser step: forward in training mode, the sum of the five losses, backward
 * and the optimiser's update. Every array the step creates lives in a sub-manager of the model's
 * manager that closes when the step returns, so native memory stays flat over a long run. The
 * anchor and proposal samples are drawn from a generator seeded per step, so a run is repeatable.
 */
public final class MaskRcnnTrainingStep {

    private final MaskRcnn model;
    private final Optimizer optimizer;
    private final NDManager manager;
    private final Normalization normalization;
    private final long seed;
    private final PairList<String, Parameter> parameters;

    /** Also makes every trainable parameter record gradients. */
    public MaskRcnnTrainingStep(MaskRcnn model, Optimizer optimizer, NDManager manager, Normalization normalization,
            long seed) {
        this.model = model;
        this.optimizer = optimizer;
        this.manager = manager;
        this.normalization = normalization;
        this.seed = seed;
        SegmentationModel.reattachGradients(model);
        this.parameters = model.getParameters();
    }

    /**
     * Trains on one batch at learning rate {@code lr} as step {@code step} and returns the five loss
     * values (rpn objectness, rpn box, classifier, box, mask). A non-finite total leaves the
     * weights unchanged.
     */
    public float[] run(List<RgbImage> images, List<InstanceTargets> targets, float lr, long step) {
        for (int i = 0; i < images.size(); i++) {
            RgbImage im = images.get(i);
            InstanceTargets t = targets.get(i);
            if (t.width() != im.width() || t.height() != im.height()) {
                throw new IllegalArgumentException("image " + i + " of the batch is " + im.width() + "x" + im.height()
                        + " but its instances are " + t.width() + "x" + t.height());
            }
        }
        try (NDManager batch = manager.newSubManager()) {
            NDArray x = MaskRcnnInput.batch(batch, images, normalization);
            float[] values;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                MaskRcnn.Losses losses = model.losses(new ParameterStore(batch, false), x, targets,
                        new Random(seed * 1_000_003L + step));
                NDArray total = losses.total();
                values = losses.values();
                if (!Float.isFinite(total.getFloat())) {
                    return values;
                }
                gc.backward(total);
            }
            optimizer.step(parameters, lr, batch);
            return values;
        }
    }
}
