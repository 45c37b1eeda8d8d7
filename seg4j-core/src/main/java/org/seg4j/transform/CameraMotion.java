package org.seg4j.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.seg4j.Seg4jException;
import org.seg4j.data.Sample;
import org.seg4j.metric.video.FlowField;

/**
 * Synthesises a short clip from one labelled image by moving a virtual camera over it: a smooth
 * random trajectory of shift, zoom and rotation about the image centre, applied jointly to image
 * and mask ({@link Warp#affine}: bilinear image, nearest-neighbour mask, outside the source filled
 * with {@code fillGrey} and ignore). Every frame keeps the input's size and its warped mask, so the
 * loss can be taken on every frame.
 *
 * <p>The pose follows a quadratic Bezier curve from a random start through a random control pose
 * to a random end pose (each component uniform within its bound), so the camera speeds up, slows
 * down and turns without jumps; frame {@code t} of {@code T} sits at {@code u = t / (T - 1)}. Zoom
 * is {@code >= 1} (the camera moves in, never out), which keeps most of each frame inside the
 * source.
 *
 * @param maxShift largest shift, as a fraction of the image's width (x) and height (y)
 * @param maxZoom largest zoom above 1 (0.2: up to 1.2x)
 * @param maxDegrees largest rotation, in degrees
 * @param fillGrey grey level of the image fill outside the source, 0-255
 */
public record CameraMotion(double maxShift, double maxZoom, double maxDegrees, int fillGrey) {

    /** Default bounds: 8% shift, 1.15x zoom, 3 degrees, black fill. */
    public static final CameraMotion DEFAULT = new CameraMotion(0.08, 0.15, 3, 0);

    public CameraMotion {
        if (!(maxShift >= 0 && maxShift <= 0.5) || !(maxZoom >= 0 && maxZoom <= 1) || !(maxDegrees >= 0
                && maxDegrees <= 45)) {
            throw new Seg4jException("camera motion bounds: shift must be in [0, 0.5], zoom in [0, 1], rotation in "
                    + "[0, 45] degrees; got " + maxShift + ", " + maxZoom + ", " + maxDegrees);
        }
        Checks.grey("CameraMotion", fillGrey);
    }

    /** One camera pose: shift as image fractions, zoom factor, rotation in radians. */
    record Pose(double dx, double dy, double zoom, double angle) {}

    /**
     * {@code length} frames seen by the moving camera, the first near the input's view.
     *
     * @throws Seg4jException when {@code length} is below 1
     */
    public List<Sample> clip(Sample sample, int length, RandomGenerator rng) {
        if (length < 1) {
            throw new Seg4jException("a clip needs at least one frame, got " + length);
        }
        List<Sample> frames = new ArrayList<>(length);
        for (Pose pose : poses(length, rng)) {
            frames.add(view(sample, pose));
        }
        return frames;
    }

    /**
     * A clip and its exact optical flow: frames as {@link #clip} makes them from the same random
     * draws, and for each frame the flow from it to the frame before (zero for the first frame),
     * known from the camera poses with no estimation: pixel (x, y) of frame t shows the source
     * point that frame t-1 shows at (x + dx, y + dy).
     *
     * @param frames the clip's frames
     * @param flows one flow per frame, the size of the input
     */
    public record MovingClip(List<Sample> frames, List<FlowField> flows) {}

    /**
     * {@link #clip} with the camera's exact flow between consecutive frames ({@link MovingClip}), for
     * training a motion-compensated memory.
     *
     * @throws Seg4jException when {@code length} is below 1
     */
    public MovingClip clipWithFlows(Sample sample, int length, RandomGenerator rng) {
        if (length < 1) {
            throw new Seg4jException("a clip needs at least one frame, got " + length);
        }
        int w = sample.image().width();
        int h = sample.image().height();
        List<Sample> frames = new ArrayList<>(length);
        List<FlowField> flows = new ArrayList<>(length);
        Pose before = null;
        for (Pose pose : poses(length, rng)) {
            frames.add(view(sample, pose));
            flows.add(before == null ? FlowField.constant(w, h, 0, 0)
                    : flow(w, h, pose, before));
            before = pose;
        }
        return new MovingClip(frames, flows);
    }

    private List<Pose> poses(int length, RandomGenerator rng) {
        Pose p0 = randomPose(rng, 0.25);
        Pose p1 = randomPose(rng, 1);
        Pose p2 = randomPose(rng, 1);
        List<Pose> poses = new ArrayList<>(length);
        for (int t = 0; t < length; t++) {
            double u = length == 1 ? 0 : (double) t / (length - 1);
            poses.add(bezier(p0, p1, p2, u));
        }
        return poses;
    }

    /** The flow from the view at {@code now} to the view at {@code before}, at {@code w x h}. */
    static FlowField flow(int w, int h, Pose now, Pose before) {
        double[] to = map(w, h, now);
        double[] from = map(w, h, before);
        // invert the earlier view's map: source -> its output pixel
        double det = from[0] * from[4] - from[1] * from[3];
        float[] d = new float[2 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double sx = to[0] * x + to[1] * y + to[2] - from[2];
                double sy = to[3] * x + to[4] * y + to[5] - from[5];
                double qx = (from[4] * sx - from[1] * sy) / det;
                double qy = (-from[3] * sx + from[0] * sy) / det;
                int i = 2 * (y * w + x);
                d[i] = (float) (qx - x);
                d[i + 1] = (float) (qy - y);
            }
        }
        return new FlowField(w, h, d);
    }

    /** The view's map from output pixel to source pixel, {@code {a, b, c, d, e, f}}: source = (ax + by + c, dx + ey + f). */
    static double[] map(int w, int h, Pose pose) {
        double cx = (w - 1) / 2.0;
        double cy = (h - 1) / 2.0;
        double cos = Math.cos(pose.angle) / pose.zoom;
        double sin = Math.sin(pose.angle) / pose.zoom;
        double a = cos;
        double b = -sin;
        double d = sin;
        double e = cos;
        double c = cx - a * cx - b * cy + pose.dx * w;
        double f = cy - d * cx - e * cy + pose.dy * h;
        return new double[] {a, b, c, d, e, f};
    }

    private Pose randomPose(RandomGenerator rng, double extent) {
        return new Pose(
                extent * maxShift * (2 * rng.nextDouble() - 1),
                extent * maxShift * (2 * rng.nextDouble() - 1),
                1 + extent * maxZoom * rng.nextDouble(),
                Math.toRadians(extent * maxDegrees * (2 * rng.nextDouble() - 1)));
    }

    static Pose bezier(Pose a, Pose b, Pose c, double u) {
        double wa = (1 - u) * (1 - u);
        double wb = 2 * u * (1 - u);
        double wc = u * u;
        return new Pose(wa * a.dx + wb * b.dx + wc * c.dx, wa * a.dy + wb * b.dy + wc * c.dy,
                wa * a.zoom + wb * b.zoom + wc * c.zoom, wa * a.angle + wb * b.angle + wc * c.angle);
    }

    /** The input as the camera at {@code pose} sees it: output (x, y) reads the source through the inverse map. */
    Sample view(Sample sample, Pose pose) {
        int w = sample.image().width();
        int h = sample.image().height();
        double[] m = map(w, h, pose);
        return Warp.affine(sample, w, h, m[0], m[1], m[2], m[3], m[4], m[5], fillGrey);
    }
}
