package org.seg4j.model.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;

/**
 * Encodes boxes as offsets from reference boxes and back, as torchvision's {@code
 * det_utils.BoxCoder}: {@code dx = wx (gx - px) / pw}, {@code dy = wy (gy - py) / ph}, {@code dw =
 * ww log(gw / pw)}, {@code dh = wh log(gh / ph)} with centres {@code (x1 + w/2)}, and on decoding
 * {@code dw, dh} clamped at {@code log(1000 / 16)} so that no box explodes. The RPN uses weights
 * (1, 1, 1, 1), the box head (10, 10, 5, 5).
 */
public final class BoxCoder {

    /** torchvision's {@code bbox_xform_clip}. */
    public static final float DEFAULT_CLIP = (float) Math.log(1000.0 / 16);

    /** Weights of the RPN. */
    public static final BoxCoder RPN = new BoxCoder(1, 1, 1, 1);

    /** Weights of the box head. */
    public static final BoxCoder BOX_HEAD = new BoxCoder(10, 10, 5, 5);

    private final float wx;
    private final float wy;
    private final float ww;
    private final float wh;

    /** A coder with the given weights. */
    public BoxCoder(float wx, float wy, float ww, float wh) {
        this.wx = wx;
        this.wy = wy;
        this.ww = ww;
        this.wh = wh;
    }

    /** Offsets {@code [K, 4]} that turn each reference box into the matching target box. */
    public NDArray encode(NDArray targets, NDArray references) {
        NDArray pw = references.get(":, 2").sub(references.get(":, 0"));
        NDArray ph = references.get(":, 3").sub(references.get(":, 1"));
        NDArray px = references.get(":, 0").add(pw.mul(0.5f));
        NDArray py = references.get(":, 1").add(ph.mul(0.5f));
        NDArray gw = targets.get(":, 2").sub(targets.get(":, 0"));
        NDArray gh = targets.get(":, 3").sub(targets.get(":, 1"));
        NDArray gx = targets.get(":, 0").add(gw.mul(0.5f));
        NDArray gy = targets.get(":, 1").add(gh.mul(0.5f));
        NDArray dx = gx.sub(px).div(pw).mul(wx);
        NDArray dy = gy.sub(py).div(ph).mul(wy);
        NDArray dw = gw.div(pw).log().mul(ww);
        NDArray dh = gh.div(ph).log().mul(wh);
        return NDArrays.stack(new ai.djl.ndarray.NDList(dx, dy, dw, dh), 1);
    }

    /** Boxes {@code [K, 4]} obtained by applying offsets {@code [K, 4]} to the reference boxes. */
    public NDArray decode(NDArray offsets, NDArray references) {
        NDArray w = references.get(":, 2").sub(references.get(":, 0"));
        NDArray h = references.get(":, 3").sub(references.get(":, 1"));
        NDArray cx = references.get(":, 0").add(w.mul(0.5f));
        NDArray cy = references.get(":, 1").add(h.mul(0.5f));
        NDArray dx = offsets.get(":, 0").div(wx);
        NDArray dy = offsets.get(":, 1").div(wy);
        NDArray dw = offsets.get(":, 2").div(ww).minimum(DEFAULT_CLIP);
        NDArray dh = offsets.get(":, 3").div(wh).minimum(DEFAULT_CLIP);
        NDArray pcx = dx.mul(w).add(cx);
        NDArray pcy = dy.mul(h).add(cy);
        NDArray halfW = dw.exp().mul(w).mul(0.5f);
        NDArray halfH = dh.exp().mul(h).mul(0.5f);
        return NDArrays.stack(new ai.djl.ndarray.NDList(pcx.sub(halfW), pcy.sub(halfH), pcx.add(halfW),
                pcy.add(halfH)), 1);
    }
}
