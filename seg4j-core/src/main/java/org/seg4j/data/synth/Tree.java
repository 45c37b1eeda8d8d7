package org.seg4j.data.synth;

import java.util.random.RandomGenerator;

/** A street tree: a trunk and a leafy crown of a few noisy-edged lobes. */
final class Tree implements SceneObject {

    private final float cx;
    private final float base;
    private final float trunkH;
    private final float trunkW;
    private final float crownR;
    private final float[][] lobes;
    private final int edgeSalt;
    private final Brush bark;
    private final Brush leaves;
    private final Brush shade;

    Tree(float cx, float base, float scale, RandomGenerator rng) {
        this.cx = cx;
        this.base = base;
        this.trunkH = scale * Colours.betweenF(rng, 0.3, 0.45);
        this.trunkW = Math.max(1.5f, scale * Colours.betweenF(rng, 0.05, 0.08));
        this.crownR = scale * Colours.betweenF(rng, 0.2, 0.3);
        int n = 2 + rng.nextInt(3);
        this.lobes = new float[n][];
        for (int i = 0; i < n; i++) {
            lobes[i] = new float[] {Colours.betweenF(rng, -0.6, 0.6), Colours.betweenF(rng, -0.5, 0.3),
                Colours.betweenF(rng, 0.55, 0.85)};
        }
        this.edgeSalt = rng.nextInt();
        this.bark = Brush.of(Colours.hsv(rng, 15, 35, 0.3, 0.6, 0.15, 0.4), 0.15f, 2, 0.03f, rng);
        float[] leaf = rng.nextDouble() < 0.2
                ? Colours.hsv(rng, 25, 50, 0.5, 0.85, 0.45, 0.8)
                : Colours.hsv(rng, 70, 140, 0.35, 0.8, 0.25, 0.6);
        float leafScale = Math.max(1.2f, crownR / 5);
        this.leaves = Brush.of(leaf, 0.35f, leafScale, 0.06f, rng);
        this.shade = new Brush(leaf[0] * 0.65f, leaf[1] * 0.65f, leaf[2] * 0.65f, 0.35f, leafScale, 0.06f, rng.nextInt());
    }

    @Override
    public float baseRow() {
        return base;
    }

    @Override
    public void draw(Canvas c) {
        int tree = StreetClasses.TREE;
        c.shadow(cx + crownR * 0.3f, base, crownR * 0.9f, crownR * 0.18f + 0.5f, 0.6f);
        c.rect(cx - trunkW / 2, base - trunkH - crownR * 0.5f, cx + trunkW / 2, base, bark, tree);
        float crownY = base - trunkH - crownR * 0.6f;
        c.blob(cx, crownY, crownR, crownR * 0.95f, 0.5f, edgeSalt, shade, tree);
        for (float[] lobe : lobes) {
            float r = crownR * lobe[2];
            c.blob(cx + lobe[0] * crownR, crownY + lobe[1] * crownR, r, r * 0.9f, 0.5f, edgeSalt + 1, leaves, tree);
        }
    }
}
