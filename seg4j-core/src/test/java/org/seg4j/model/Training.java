package org.seg4j.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import org.seg4j.model.layer.Scalars;

/** Minimal training helpers for model tests: cross-entropy, one optimiser step, pixel accuracy. */
final class Training {

    private Training() {}

    /** Mean softmax cross-entropy of NCHW logits against NHW integer labels. */
    static NDArray crossEntropy(NDArray logits, NDArray labels, int numClasses) {
        NDArray logp = logits.logSoftmax(1);
        NDArray oneHot = labels.oneHot(numClasses).transpose(0, 3, 1, 2);
        return Scalars.div(logp.mul(oneHot).sum().neg(), labels.size());
    }

    /** Loss and pixel accuracy of one training step's forward pass. */
    record StepResult(float loss, double accuracy) {}

    /**
     * One forward + backward + update; returns the loss and the pixel accuracy of this forward pass
     * (training mode). Everything it creates lives in {@code sub}.
     */
    static StepResult step(Block model, ParameterStore ps, Optimizer optimizer, NDManager sub, NDArray images, NDArray labels,
            int numClasses) {
        NDArray x = copyInto(sub, images);
        NDArray y = copyInto(sub, labels);
        float loss;
        double accuracy;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray logits = model.forward(ps, new NDList(x), true).head();
            NDArray l = crossEntropy(logits, y, numClasses);
            gc.backward(l);
            loss = l.getFloat();
            accuracy = accuracy(logits, y);
        }
        for (Pair<String, Parameter> p : model.getParameters()) {
            Parameter param = p.getValue();
            if (param.requiresGradient()) {
                NDArray w = param.getArray();
                NDArray grad = w.getGradient();
                optimizer.update(param.getId(), w, grad);
                // PyTorch accumulates gradients across backward passes; DJL's collector does not reset them.
                grad.subi(grad);
                grad.close();
            }
        }
        return new StepResult(loss, accuracy);
    }

    /** A copy of {@code array} owned by {@code sub}, so that results computed from it are too. */
    static NDArray copyInto(NDManager sub, NDArray array) {
        NDArray copy = array.duplicate();
        copy.attach(sub);
        return copy;
    }

    /** Fraction of pixels whose arg-max class equals the label. */
    private static double accuracy(NDArray logits, NDArray labels) {
        NDArray pred = logits.argMax(1);
        return pred.eq(labels.toType(pred.getDataType(), false)).sum().getLong() / (double) labels.size();
    }
}
