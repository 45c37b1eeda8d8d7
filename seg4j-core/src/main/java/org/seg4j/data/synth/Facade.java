package org.seg4j.data.synth;

import java.util.random.RandomGenerator;

/**
 * One building: a textured facade from its roof line down, with a darker cornice and an optional
 * grid of windows (some lit). It paints only pixels that are still empty, so whatever was drawn in
 * front of it (the street) is kept and no pixel is painted twice.
 */
final class Facade {

    private final float x0;
    private final float x1;
    private final float top;
    private final float cornice;
    private final Brush wall;
    private final Brush ledge;
    private final boolean windows;
    private final float cellW;
    private final float cellH;
    private final float winW;
    private final float winH;
    private final float litShare;
    private final Brush dark;
    private final Brush lit;

    Facade(Canvas c, float x0, float x1, float top, RandomGenerator rng) {
        this.x0 = x0;
        this.x1 = x1;
        this.top = top;
        this.cornice = Math.max(1, c.height * 0.015f);
        float[] colour = switch (rng.nextInt(5)) {
            case 0 -> Colours.hsv(rng, 25, 45, 0.15, 0.4, 0.55, 0.85);
            case 1 -> Colours.hsv(rng, 5, 20, 0.4, 0.7, 0.35, 0.6);
            case 2 -> Colours.hsv(rng, 0, 360, 0, 0.08, 0.35, 0.8);
            case 3 -> Colours.hsv(rng, 0, 360, 0.05, 0.25, 0.7, 0.95);
            default -> Colours.hsv(rng, 190, 220, 0.2, 0.5, 0.35, 0.7);
        };
        this.wall = Brush.of(colour, 0.08f, 6, 0.03f, rng);
        this.ledge = wall.darker(0.7f);
        this.windows = rng.nextDouble() >= 0.2;
        this.cellW = c.width * Colours.betweenF(rng, 0.045, 0.08);
        this.cellH = c.height * Colours.betweenF(rng, 0.065, 0.11);
        this.winW = cellW * Colours.betweenF(rng, 0.4, 0.7);
        this.winH = cellH * Colours.betweenF(rng, 0.45, 0.7);
        this.litShare = Colours.betweenF(rng, 0, 0.3);
        this.dark = Brush.of(Colours.hsv(rng, 195, 235, 0.1, 0.4, 0.1, 0.35), 0.15f, 3, 0.03f, rng);
        this.lit = Brush.of(Colours.hsv(rng, 40, 55, 0.3, 0.6, 0.7, 0.95), 0.1f, 3, 0.03f, rng);
    }

    /** Paints the empty pixels ({@link Canvas#EMPTY}) of this building's columns. */
    void paint(Canvas c) {
        int xa = Math.max(0, (int) Math.ceil(x0));
        int xb = Math.min(c.width - 1, (int) Math.floor(x1));
        int ya = Math.max(0, (int) Math.ceil(top));
        float margin = ((x1 - x0 + 1) % cellW) / 2 + (cellW - winW) / 2;
        for (int y = ya; y < c.height; y++) {
            float inY = y - top - cellH * 0.6f;
            int row = (int) Math.floor(inY / cellH);
            boolean windowRow = windows && inY >= 0 && inY - row * cellH <= winH;
            for (int x = xa; x <= xb; x++) {
                if (c.label[y * c.width + x] != Canvas.EMPTY) {
                    continue;
                }
                Brush brush = y - top <= cornice ? ledge : wall;
                if (windowRow) {
                    float inX = x - x0 - margin;
                    int col = (int) Math.floor(inX / cellW);
                    if (inX >= 0 && inX - col * cellW <= winW && x0 + margin + col * cellW + winW <= x1) {
                        brush = Noise.hash(col, row, dark.salt()) < litShare ? lit : dark;
                    }
                }
                c.paint(x, y, brush, StreetClasses.BUILDING);
            }
        }
    }
}
