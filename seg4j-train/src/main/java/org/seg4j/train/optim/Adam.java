package org.seg4j.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Adam, or AdamW when weight decay is decoupled; the same arithmetic as PyTorch's
 * {@code torch.optim.Adam} / {@code AdamW}:
 *
 * <pre>
 * g = grad (+ wd * w when coupled)          w *= 1 - lr * wd   (when decoupled)
 * m = b1 * m + (1 - b1) * g
 * v = b2 * v + (1 - b2) * g^2
 * w -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)
 * </pre>
 *
 * where {@code wd} is the parameter's own weight decay ({@link Optimizer#decayOf}) and {@code t} the
 * parameter's own update count, so a parameter frozen for some steps starts with a first step.
 */
public final class Adam extends Optimizer {

    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final boolean decoupled;

    public Adam(NDManager parent, float beta1, float beta2, float epsilon, float weightDecay, boolean decoupled) {
        super(parent, weightDecay);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.decoupled = decoupled;
    }

    @Override
    public String name() {
        return decoupled ? "adamw" : "adam";
    }

    @Override
    protected int slotCount() {
        return 2;
    }

    @Override
    protected void update(NDArray w, NDArray grad, NDArray[] slots, float lr, float decay, long t) {
        NDArray g = grad;
        if (decay != 0f) {
            if (decoupled) {
                w.muli(1f - lr * decay);
            } else {
                g = g.add(w.mul(decay));
            }
        }
        NDArray m = slots[0];
        NDArray v = slots[1];
        m.muli(beta1).addi(g.mul(1f - beta1));
        v.muli(beta2).addi(g.square().muli(1f - beta2));
        double bc1 = 1.0 - Math.pow(beta1, t);
        double bc2 = 1.0 - Math.pow(beta2, t);
        NDArray denom = v.sqrt().muli((float) (1.0 / Math.sqrt(bc2))).addi(epsilon);
        w.subi(m.div(denom).muli((float) (lr / bc1)));
    }
}
