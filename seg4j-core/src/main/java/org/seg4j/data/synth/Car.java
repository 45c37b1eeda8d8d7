package org.seg4j.data.synth;

import java.util.random.RandomGenerator;

/** A car seen from behind or ahead: rounded body, cabin with glass, wheels, lights and a shadow. */
final class Car implements SceneObject {

    private final float cx;
    private final float base;
    private final float w;
    private final float h;
    private final float cabinShift;
    private final Brush body;
    private final Brush glass;
    private final Brush tyre;
    private final Brush light;

    Car(float cx, float base, float width, RandomGenerator rng) {
        this.cx = cx;
        this.base = base;
        this.w = width;
        this.h = width * Colours.betweenF(rng, 0.5, 0.68);
        this.cabinShift = width * Colours.betweenF(rng, -0.05, 0.05);
        float[] paint = switch (rng.nextInt(6)) {
            case 0 -> Colours.hsv(rng, 0, 360, 0, 0.06, 0.75, 0.95);
            case 1 -> Colours.hsv(rng, 0, 360, 0, 0.08, 0.35, 0.7);
            case 2 -> Colours.hsv(rng, 0, 360, 0, 0.1, 0.05, 0.2);
            default -> Colours.hsv(rng, 0, 360, 0.4, 0.9, 0.3, 0.9);
        };
        this.body = Brush.of(paint, 0.05f, 8, 0.02f, rng);
        this.glass = Brush.of(Colours.hsv(rng, 190, 230, 0.05, 0.35, 0.12, 0.4), 0.2f, 4, 0.02f, rng);
        this.tyre = Brush.of(Colours.hsv(rng, 0, 360, 0, 0.05, 0.04, 0.12), 0.05f, 2, 0.02f, rng);
        this.light = Brush.of(rng.nextBoolean() ? Colours.hsv(rng, 0, 10, 0.7, 0.95, 0.7, 0.95)
                : Colours.hsv(rng, 40, 60, 0.05, 0.3, 0.85, 1.0), 0, 2, 0.02f, rng);
    }

    /**
     * A car behind this one, partly hidden by it: further up the image (a smaller base row), a
     * little smaller and shifted sideways by 0.4 to 0.8 widths.
     */
    Car behind(RandomGenerator rng) {
        float side = rng.nextBoolean() ? 1 : -1;
        return new Car(cx + side * w * Colours.betweenF(rng, 0.4, 0.8), base - h * Colours.betweenF(rng, 0.15, 0.35),
                w * Colours.betweenF(rng, 0.8, 0.92), rng);
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
        int car = StreetClasses.CAR;
        float left = cx - w / 2;
        float right = cx + w / 2;
        c.shadow(cx, base - h * 0.02f, w * 0.62f, h * 0.16f, 0.45f);
        float wheelR = h * 0.17f;
        c.roundRect(left + w * 0.06f, base - wheelR * 2, left + w * 0.06f + wheelR * 1.5f, base, wheelR * 0.6f, tyre, car);
        c.roundRect(right - w * 0.06f - wheelR * 1.5f, base - wheelR * 2, right - w * 0.06f, base, wheelR * 0.6f, tyre,
                car);
        c.roundRect(left, base - h * 0.72f, right, base - h * 0.14f, h * 0.14f, body, car);
        c.rect(left + w * 0.04f, base - h * 0.28f, right - w * 0.04f, base - h * 0.14f, body.darker(0.7f), car);
        float cabL = cx + cabinShift - w * 0.36f;
        float cabR = cx + cabinShift + w * 0.36f;
        c.roundRect(cabL, base - h, cabR, base - h * 0.6f, h * 0.18f, body.darker(0.92f), car);
        float inset = w * 0.06f;
        c.roundRect(cabL + inset, base - h + h * 0.08f, cabR - inset, base - h * 0.66f, h * 0.06f, glass, car);
        float lightW = w * 0.12f;
        c.rect(left + w * 0.03f, base - h * 0.56f, left + w * 0.03f + lightW, base - h * 0.46f, light, car);
        c.rect(right - w * 0.03f - lightW, base - h * 0.56f, right - w * 0.03f, base - h * 0.46f, light, car);
    }
}
