package org.seg4j.train.video;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.seg4j.data.Batch;
import org.seg4j.data.BatchProvider;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.LabelMask;
import org.seg4j.data.RgbImage;
import org.seg4j.data.Sample;
import org.seg4j.transform.Normalization;

/**
 * Synthetic clips whose answer needs memory: a square moves over a dark noisy background; it is red
 * (class 1) or blue (class 2) in the first {@code visible} frames, then turns the same grey for both
 * classes. Every frame's mask names the square's true class, so on the grey frames a per-frame model
 * can only guess (half right in expectation), while a model that remembers the first frames can
 * be right.
 */
final class HiddenClassClips {

    static final ClassMeta CLASSES = ClassMeta.of(new String[] {"background", "red-thing", "blue-thing"},
            new int[][] {{0, 0, 0}, {220, 40, 40}, {40, 40, 220}}, 255);
    static final Normalization NORM = new Normalization(new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.5f, 0.5f, 0.5f});

    private HiddenClassClips() {}

    /** {@code count} clips of {@code length} frames of {@code size x size}, classes alternating. */
    static List<List<Sample>> make(int count, int size, int length, int visible, long seed) {
        Random r = new Random(seed);
        List<List<Sample>> clips = new ArrayList<>(count);
        int side = size / 3;
        for (int c = 0; c < count; c++) {
            int cls = 1 + c % 2;
            int x = 2 + r.nextInt(size - side - 4);
            int y = 2 + r.nextInt(size - side - 4);
            int vx = r.nextInt(3) - 1;
            int vy = r.nextInt(3) - 1;
            List<Sample> frames = new ArrayList<>(length);
            for (int t = 0; t < length; t++) {
                int fx = Math.max(0, Math.min(size - side, x + t * vx));
                int fy = Math.max(0, Math.min(size - side, y + t * vy));
                frames.add(frame(size, side, fx, fy, cls, t < visible, r, "clip" + c + "_" + t));
            }
            clips.add(frames);
        }
        return clips;
    }

    private static Sample frame(int size, int side, int x0, int y0, int cls, boolean visible, Random r, String id) {
        RgbImage img = RgbImage.blank(size, size);
        byte[] mask = new byte[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                boolean inside = x >= x0 && x < x0 + side && y >= y0 && y < y0 + side;
                int n = r.nextInt(30);
                int rgb;
                if (!inside) {
                    rgb = grey(20 + n);
                } else if (!visible) {
                    rgb = grey(120 + n);
                } else {
                    rgb = cls == 1 ? (200 + n) << 16 | (30 + n) << 8 | (30 + n) : (30 + n) << 16 | (30 + n) << 8 | (200 + n);
                }
                img.setRgb(x, y, rgb);
                mask[y * size + x] = (byte) (inside ? cls : 0);
            }
        }
        return new Sample(id, img, new LabelMask(size, size, mask));
    }

    private static int grey(int v) {
        return v << 16 | v << 8 | v;
    }

    /** Batches of {@code clipsPerBatch} whole clips, frames clip-major, clip order shuffled per epoch. */
    static final class Provider implements BatchProvider {
        private final List<List<Sample>> clips;
        private final int clipsPerBatch;

        Provider(List<List<Sample>> clips, int clipsPerBatch) {
            this.clips = clips;
            this.clipsPerBatch = clipsPerBatch;
        }

        @Override
        public Iterator<Batch> epoch(int epoch) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < clips.size(); i++) {
                order.add(i);
            }
            java.util.Collections.shuffle(order, new Random(1000L + epoch));
            List<Batch> batches = new ArrayList<>();
            for (int b = 0; b < batchesPerEpoch(); b++) {
                List<Sample> frames = new ArrayList<>();
                for (int k = 0; k < clipsPerBatch; k++) {
                    frames.addAll(clips.get(order.get(b * clipsPerBatch + k)));
                }
                batches.add(batch(frames));
            }
            return batches.iterator();
        }

        private static Batch batch(List<Sample> frames) {
            int w = frames.get(0).image().width();
            int h = frames.get(0).image().height();
            float[] images = new float[frames.size() * 3 * w * h];
            byte[] labels = new byte[frames.size() * w * h];
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < frames.size(); i++) {
                NORM.toChw(frames.get(i).image(), images, i * 3 * w * h);
                System.arraycopy(frames.get(i).mask().data(), 0, labels, i * w * h, w * h);
                ids.add(frames.get(i).id());
            }
            return new Batch(images, labels, frames.size(), h, w, ids);
        }

        @Override
        public int batchesPerEpoch() {
            return clips.size() / clipsPerBatch;
        }

        @Override
        public int samplesPerEpoch() {
            return batchesPerEpoch() * clipsPerBatch;
        }
    }
}
