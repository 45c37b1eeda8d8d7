package org.seg4j.data.synth;

import java.util.random.RandomGenerator;

/** A standing person: head with hair, torso with arms, and two legs (or a long coat). */
final class Pedestrian implements SceneObject {

    private final float cx;
    private final float base;
    private final float h;
    private final float w;
    private final boolean coat;
    private final float stride;
    private final Brush skin;
    private final Brush hair;
    private final Brush top;
    private final Brush bottom;

    Pedestrian(float cx, float base, float height, RandomGenerator rng) {
        this.cx = cx;
        this.base = base;
        this.h = height;
        this.w = height * Colours.betweenF(rng, 0.3, 0.38);
        this.coat = rng.nextDouble() < 0.25;
        this.stride = Colours.betweenF(rng, 0, 0.1);
        this.skin = Brush.of(Colours.hsv(rng, 15, 35, 0.25, 0.6, 0.3, 0.9), 0.03f, 3, 0.02f, rng);
        this.hair = Brush.of(Colours.hsv(rng, 15, 40, 0.2, 0.7, 0.05, 0.5), 0.1f, 2, 0.03f, rng);
        this.top = Brush.of(Colours.hsv(rng, 0, 360, 0, 0.9, 0.15, 0.95), 0.1f, 3, 0.03f, rng);
        this.bottom = Brush.of(Colours.hsv(rng, 0, 360, 0, 0.6, 0.08, 0.6), 0.08f, 3, 0.03f, rng);
    }

    /**
     * Another pedestrian beside this one, touching or overlapping it (a group walking together):
     * shifted sideways by 0.8 to 1.05 widths, on about the same row.
     */
    Pedestrian companion(RandomGenerator rng) {
        float side = rng.nextBoolean() ? 1 : -1;
        float shift = side * w * Colours.betweenF(rng, 0.8, 1.05);
        return new Pedestrian(cx + shift, base + h * Colours.betweenF(rng, -0.03, 0.03),
                h * Colours.betweenF(rng, 0.9, 1.05), rng);
    }

    @Override
    public boolean thing() {
        return true;
    }

    @Override
    public float baseRow() {
        return base;
    }

    @Override
    public void draw(Canvas c) {
        int ped = StreetClasses.PEDESTRIAN;
        c.shadow(cx + w * 0.2f, base, w * 0.9f, h * 0.04f + 0.5f, 0.55f);
        float hip = base - h * 0.46f;
        float shoulder = base - h * 0.82f;
        if (coat) {
            c.roundRect(cx - w * 0.48f, shoulder, cx + w * 0.48f, base - h * 0.12f, w * 0.2f, top, ped);
            c.rect(cx - w * 0.36f, base - h * 0.14f, cx - w * 0.06f, base, bottom, ped);
            c.rect(cx + w * 0.06f, base - h * 0.14f, cx + w * 0.36f, base, bottom, ped);
        } else {
            float legW = w * 0.4f;
            float spread = w * stride;
            c.rect(cx - w * 0.4f - spread, hip, cx - w * 0.4f - spread + legW, base, bottom, ped);
            c.rect(cx + w * 0.4f + spread - legW, hip, cx + w * 0.4f + spread, base, bottom, ped);
            c.rect(cx - w * 0.4f, hip, cx + w * 0.4f, hip + h * 0.06f, bottom, ped);
            c.roundRect(cx - w * 0.5f, shoulder, cx + w * 0.5f, hip + h * 0.02f, w * 0.2f, top, ped);
        }
        float armW = Math.max(1.5f, w * 0.2f);
        c.roundRect(cx - w * 0.45f - armW, shoulder + h * 0.02f, cx - w * 0.45f, base - h * 0.5f, armW / 2, top, ped);
        c.roundRect(cx + w * 0.45f, shoulder + h * 0.02f, cx + w * 0.45f + armW, base - h * 0.5f, armW / 2, top, ped);
        float headR = h * 0.085f;
        float headY = shoulder - headR * 1.05f;
        c.blob(cx, headY, headR * 0.85f, headR, 0, 0, skin, ped);
        c.blob(cx, headY - headR * 0.45f, headR * 0.9f, headR * 0.6f, 0, 0, hair, ped);
    }
}
