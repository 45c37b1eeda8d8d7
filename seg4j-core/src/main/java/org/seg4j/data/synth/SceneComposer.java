package org.seg4j.data.synth;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/** Draws one complete scene: background, objects placed in perspective, then lighting. */
final class SceneComposer {

    private SceneComposer() {}

    static Canvas compose(int width, int height, RandomGenerator rng) {
        return compose(width, height, rng, null);
    }

    /**
     * Draws a scene whose canvas also records an instance id per thing (in drawing order, so a
     * nearer object hides a farther one). With {@code groups}, some pedestrians get a companion
     * touching or overlapping them and some cars a car partly hidden behind them; {@code groups}
     * draws only these, so the rest of the scene is the one {@code rng} alone gives.
     */
    static Canvas compose(int width, int height, RandomGenerator rng, RandomGenerator groups) {
        Canvas c = new Canvas(width, height);
        StreetLayout layout = StreetLayout.random(width, height, rng);
        Background.paint(c, layout, rng);
        List<SceneObject> objects = new ArrayList<>();
        addTrees(objects, layout, rng);
        addCars(objects, layout, rng);
        addPedestrians(objects, layout, rng);
        if (groups != null) {
            addGroups(objects, groups);
        }
        // Stable sort: equal rows keep their creation order, so drawing stays deterministic.
        objects.sort(Comparator.comparingDouble(SceneObject::baseRow));
        int instances = 0;
        for (SceneObject o : objects) {
            c.drawing = o.thing() ? ++instances : 0;
            o.draw(c);
        }
        c.drawing = 0;
        Lighting.apply(c, layout, rng);
        return c;
    }

    private static void addGroups(List<SceneObject> objects, RandomGenerator groups) {
        List<SceneObject> extra = new ArrayList<>();
        for (SceneObject o : objects) {
            if (o instanceof Pedestrian p && groups.nextDouble() < 0.5) {
                extra.add(p.companion(groups));
            } else if (o instanceof Car car && groups.nextDouble() < 0.4) {
                extra.add(car.behind(groups));
            }
        }
        objects.addAll(extra);
    }

    private static void addCars(List<SceneObject> out, StreetLayout layout, RandomGenerator rng) {
        int n = 1 + rng.nextInt(4);
        for (int i = 0; i < n; i++) {
            float t = Colours.betweenF(rng, 0.4, 1.0);
            float x = layout.centre(t) + Colours.betweenF(rng, -0.75, 0.75) * layout.roadHalf(t);
            float width = t * layout.width() * Colours.betweenF(rng, 0.3, 0.42);
            out.add(new Car(x, layout.row(t), width, rng));
        }
    }

    private static void addPedestrians(List<SceneObject> out, StreetLayout layout, RandomGenerator rng) {
        int n = 1 + rng.nextInt(4);
        for (int i = 0; i < n; i++) {
            float t = Colours.betweenF(rng, 0.5, 0.95);
            float side = rng.nextBoolean() ? 1 : -1;
            float x = layout.centre(t) + side * (layout.roadHalf(t) + Colours.betweenF(rng, 0.2, 0.85) * layout.pavement(t));
            float height = t * layout.height() * Colours.betweenF(rng, 0.55, 0.7);
            out.add(new Pedestrian(x, layout.row(t), height, rng));
        }
    }

    private static void addTrees(List<SceneObject> out, StreetLayout layout, RandomGenerator rng) {
        int n = rng.nextInt(4);
        for (int i = 0; i < n; i++) {
            float t = Colours.betweenF(rng, 0.15, 0.9);
            float side = rng.nextBoolean() ? 1 : -1;
            float x = layout.centre(t) + side * (layout.roadHalf(t) + Colours.betweenF(rng, 0.5, 1.0) * layout.pavement(t));
            float scale = layout.height() * (0.3f + 0.7f * t) * Colours.betweenF(rng, 0.8, 1.1);
            out.add(new Tree(x, layout.row(t), scale, rng));
        }
    }
}
