package org.seg4j.model.layer;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;

/**
 * A {@link SequentialBlock} for inference speed: its {@code Conv2d, BatchNorm} child pairs can be
 * folded into single convolutions ({@link BatchNormFolding}), and in inference each child's output
 * is freed as soon as the next child has consumed it ({@link Release}). Its children, parameters
 * and saved format are those of a plain sequential block.
 */
public class FoldableSequence extends SequentialBlock implements BatchNormFoldable {

    /** Per child: the folded convolution replacing it and the batch norm after it, or {@code null}. */
    private BatchNormFolding.FoldedConv[] folded;
    private NDManager foldManager;

    @Override
    public synchronized int foldBatchNorm() {
        unfoldBatchNorm();
        List<Block> kids = children.values();
        BatchNormFolding.FoldedConv[] f = new BatchNormFolding.FoldedConv[kids.size()];
        int n = 0;
        for (int i = 0; i + 1 < kids.size(); i++) {
            if (kids.get(i) instanceof Conv2d conv && kids.get(i + 1) instanceof BatchNorm norm) {
                if (foldManager == null) {
                    foldManager = conv.getParameters().get(0).getValue().getArray().getManager().newSubManager();
                }
                f[i] = BatchNormFolding.fold(conv, norm, foldManager);
                n++;
            }
        }
        folded = n > 0 ? f : null;
        return n;
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
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        if (training) {
            return super.forwardInternal(ps, inputs, true, params);
        }
        BatchNormFolding.FoldedConv[] f = folded;
        List<Block> kids = children.values();
        NDList x = inputs;
        for (int i = 0; i < kids.size(); i++) {
            NDList y;
            if (f != null && f[i] != null) {
                y = f[i].forward(x.head());
                i++; // the batch norm is part of the folded convolution
            } else {
                y = kids.get(i).forward(ps, x, false, params);
            }
            if (x != inputs) {
                Release.closeExcept(x, y);
            }
            x = y;
        }
        return x;
    }
}
