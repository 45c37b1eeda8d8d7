package org.seg4j.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Stochastic gradient descent with momentum, Nesterov momentum and (coupled) weight decay; the
 * same arithmetic as PyTorch's {@code torch.optim.SGD} (dampening 0):
 *
 * <pre>
 * g = grad + wd * w
 * b = g at the first update, else momentum * b + g
 * g = g + momentum * b (Nesterov) or b
 * w -= lr * g
 * </pre>
 *
 * where {@code wd} is the parameter's own weight decay ({@link Optimizer#decayOf}).
 */
public final class Sgd extends Optimizer {

    private final float momentum;
    private final boolean nesterov;

    public Sgd(NDManager parent, float momentum, float weightDecay, boolean nesterov) {
        super(parent, weightDecay);
        this.momentum = momentum;
        this.nesterov = nesterov;
    }

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    protected int slotCount() {
        return momentum == 0f ? 0 : 1;
    }

    @Override
    protected void update(NDArray w, NDArray grad, NDArray[] slots, float lr, float decay, long t) {
        NDArray g = grad;
        if (decay != 0f) {
            g = g.add(w.mul(decay));
        }
        if (momentum != 0f) {
            NDArray b = slots[0];
            if (t == 1) {
                b.muli(0f).addi(g);
            } else {
                b.muli(momentum).addi(g);
            }
            g = nesterov ? g.add(b.mul(momentum)) : b;
        }
        w.subi(g.mul(lr));
    }
}
