package org.seg4j.data.synth;

import java.util.random.RandomGenerator;

/** One building: a textured facade from its roof line to the bottom of the image, with windows. */
final class Facade {

    private Facade() {}

    static void paint(Canvas c, float x0, float x1, float top, RandomGenerator rng) {
        float[] wall = switch (rng.nextInt(5)) {
            case 0 -> Colours.hsv(rng, 25, 45, 0.15, 0.4, 0.55, 0.85);
            case 1 -> Colours.hsv(rng, 5, 20, 0.4, 0.7, 0.35, 0.6);
            case 2 -> Colours.hsv(rng, 0, 360, 0, 0.08, 0.35, 0.8);
            case 3 -> Colours.hsv(rng, 0, 360, 0.05, 0.25, 0.7, 0.95);
            default -> Colours.hsv(rng, 190, 220, 0.2, 0.5, 0.35, 0.7);
        };
        Brush facade = Brush.of(wall, 0.08f, 6, 0.03f, rng);
        c.rect(x0, top, x1, c.height - 1, facade, StreetClasses.BUILDING);
        c.rect(x0, top, x1, top + Math.max(1, c.height * 0.015f), facade.darker(0.7f), StreetClasses.BUILDING);
        if (rng.nextDouble() < 0.2) {
            return;
        }
        float cellW = c.width * Colours.betweenF(rng, 0.045, 0.08);
        float cellH = c.height * Colours.betweenF(rng, 0.065, 0.11);
        float winW = cellW * Colours.betweenF(rng, 0.4, 0.7);
        float winH = cellH * Colours.betweenF(rng, 0.45, 0.7);
        float litShare = Colours.betweenF(rng, 0, 0.3);
        Brush dark = Brush.of(Colours.hsv(rng, 195, 235, 0.1, 0.4, 0.1, 0.35), 0.15f, 3, 0.03f, rng);
        Brush lit = Brush.of(Colours.hsv(rng, 40, 55, 0.3, 0.6, 0.7, 0.95), 0.1f, 3, 0.03f, rng);
        float margin = (x1 - x0 + 1) % cellW / 2;
        int col = 0;
        for (float wx = x0 + margin + (cellW - winW) / 2; wx + winW <= x1; wx += cellW, col++) {
            int row = 0;
            for (float wy = top + cellH * 0.6f; wy < c.height; wy += cellH, row++) {
                boolean on = Noise.hash(col, row, dark.salt()) < litShare;
                c.rect(wx, wy, wx + winW, wy + winH, on ? lit : dark, StreetClasses.BUILDING);
            }
        }
    }
}
