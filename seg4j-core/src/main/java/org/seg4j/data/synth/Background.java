package org.seg4j.data.synth;

import java.util.random.RandomGenerator;

/**
 * Paints the static scene: the road and pavements, a row of buildings with windows behind them,
 * open ground in the gaps between buildings and the sky above. It works front to back, each layer
 * filling only pixels still empty, so every pixel is painted once.
 */
final class Background {

    private Background() {}

    static void paint(Canvas c, StreetLayout layout, RandomGenerator rng) {
        Brush pave = ground(c, layout, rng);
        buildings(c, layout, rng);
        openGround(c, layout, pave);
        sky(c, layout, rng);
    }

    /** Below the horizon, gaps between buildings show the pavement continuing. */
    private static void openGround(Canvas c, StreetLayout layout, Brush pave) {
        int first = Math.max(0, (int) Math.floor(layout.horizon()) + 1);
        for (int y = first; y < c.height; y++) {
            for (int x = 0; x < c.width; x++) {
                if (c.label[y * c.width + x] == Canvas.EMPTY) {
                    c.paint(x, y, pave, StreetClasses.PAVEMENT);
                }
            }
        }
    }

    private static void sky(Canvas c, StreetLayout layout, RandomGenerator rng) {
        int kind = rng.nextInt(3);
        float[] top;
        float[] low;
        if (kind == 0) {
            top = Colours.hsv(rng, 200, 230, 0.35, 0.75, 0.6, 0.95);
            low = Colours.hsv(rng, 190, 215, 0.1, 0.35, 0.8, 1.0);
        } else if (kind == 1) {
            top = Colours.hsv(rng, 0, 360, 0, 0.08, 0.5, 0.85);
            low = Colours.hsv(rng, 0, 360, 0, 0.06, 0.6, 0.92);
        } else {
            top = Colours.hsv(rng, 210, 250, 0.3, 0.6, 0.4, 0.75);
            low = Colours.hsv(rng, 15, 45, 0.3, 0.7, 0.75, 1.0);
        }
        float clouds = Colours.betweenF(rng, 0, 0.5);
        float cloudScale = c.width * Colours.betweenF(rng, 0.08, 0.2);
        int salt = rng.nextInt();
        float span = Math.max(1, layout.horizon());
        for (int y = 0; y < c.height; y++) {
            float k = Math.min(1, y / span);
            for (int x = 0; x < c.width; x++) {
                int i = y * c.width + x;
                if (c.label[i] != Canvas.EMPTY) {
                    continue;
                }
                float n = Noise.value(x, y * 2.5f, cloudScale, salt);
                float w = clouds * Math.max(0, n - 0.45f) * 2.2f;
                float grain = 0.01f * (2 * Noise.hash(x, y, salt) - 1);
                c.r[i] = mix(top[0] + (low[0] - top[0]) * k, 0.95f, w) + grain;
                c.g[i] = mix(top[1] + (low[1] - top[1]) * k, 0.95f, w) + grain;
                c.b[i] = mix(top[2] + (low[2] - top[2]) * k, 0.97f, w) + grain;
                c.label[i] = StreetClasses.SKY;
            }
        }
    }

    private static float mix(float a, float b, float w) {
        return a + (b - a) * w;
    }

    private static void buildings(Canvas c, StreetLayout layout, RandomGenerator rng) {
        float x = -Colours.betweenF(rng, 0, 0.1) * c.width;
        while (x < c.width) {
            if (rng.nextDouble() < 0.15) {
                x += c.width * Colours.betweenF(rng, 0.04, 0.1);
                continue;
            }
            float w = c.width * Colours.betweenF(rng, 0.12, 0.32);
            float top = layout.horizon() - c.height * Colours.betweenF(rng, 0.1, 0.5);
            new Facade(c, x, x + w - 1, top, rng).paint(c);
            x += w;
        }
    }

    /** Paints road and pavements; returns the pavement brush for the open ground. */
    private static Brush ground(Canvas c, StreetLayout layout, RandomGenerator rng) {
        float[] asphalt = Colours.hsv(rng, 180, 260, 0, 0.12, 0.22, 0.5);
        Brush road = Brush.of(asphalt, 0.1f, 5, 0.05f, rng);
        float[] paveColour = switch (rng.nextInt(3)) {
            case 0 -> Colours.hsv(rng, 0, 360, 0, 0.06, 0.45, 0.75);
            case 1 -> Colours.hsv(rng, 25, 45, 0.12, 0.3, 0.5, 0.8);
            default -> Colours.hsv(rng, 5, 20, 0.25, 0.5, 0.4, 0.65);
        };
        Brush pave = Brush.of(paveColour, 0.06f, 4, 0.03f, rng);
        Brush joint = pave.darker(0.8f);
        Brush curb = Brush.of(Colours.hsv(rng, 0, 360, 0, 0.05, 0.55, 0.85), 0.03f, 3, 0.02f, rng);
        float[] paint = rng.nextDouble() < 0.7 ? new float[] {0.9f, 0.9f, 0.88f} : Colours.hsv(rng, 42, 52, 0.6, 0.85, 0.8, 0.95);
        Brush marking = Brush.of(paint, 0.05f, 3, 0.03f, rng);
        float dashPhase = Colours.betweenF(rng, 0, 1);
        float dashFreq = Colours.betweenF(rng, 0.5, 1.1);
        boolean edgeLines = rng.nextBoolean();
        float zebraT = rng.nextDouble() < 0.3 ? Colours.betweenF(rng, 0.45, 0.8) : -1;
        float tile = Colours.betweenF(rng, 0.06, 0.12) * c.width;
        int firstRow = Math.max(0, (int) Math.floor(layout.horizon()) + 1);
        for (int y = firstRow; y < c.height; y++) {
            float t = layout.t(y);
            float centre = layout.centre(t);
            float half = layout.roadHalf(t);
            float outer = half + layout.pavement(t);
            float lineW = Math.max(0.5f, 0.012f * c.width * t);
            float depth = 1 / Math.max(t, 1e-3f);
            boolean dashOn = ((depth * dashFreq + dashPhase) % 1f) < 0.5f;
            for (int x = 0; x < c.width; x++) {
                float d = Math.abs(x - centre);
                if (d < half) {
                    boolean zebra = zebraT > 0 && Math.abs(t - zebraT) < 0.07f
                            && ((x - centre) / (0.06f * c.width * t) % 1f + 1f) % 1f < 0.5f;
                    boolean line = (dashOn && d < lineW) || (edgeLines && Math.abs(d - half * 0.9f) < lineW);
                    c.paint(x, y, zebra || line ? marking : road, StreetClasses.ROAD);
                } else if (d < outer) {
                    float across = (d - half) / Math.max(outer - half, 1e-3f);
                    boolean isCurb = d - half < Math.max(1f, 0.015f * c.width * t);
                    boolean isJoint = (x % Math.max(2, (int) (tile * t + 2)) == 0) || ((depth * 3 + across) % 1f) < 0.08f;
                    c.paint(x, y, isCurb ? curb : isJoint ? joint : pave, StreetClasses.PAVEMENT);
                }
            }
        }
        return pave;
    }
}
