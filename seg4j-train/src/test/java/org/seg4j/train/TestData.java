package org.seg4j.train;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.seg4j.data.Batch;
import org.seg4j.data.BatchProvider;
import org.seg4j.data.ClassMeta;
import org.seg4j.model.ModelManifest;
import org.seg4j.model.ModelSpec;

/** Tiny networks and deterministic in-memory data for trainer tests. */
final class TestData {

    private TestData() {}

    static final int CLASSES = 3;

    /** conv3x3-BN-ReLU, dropout, conv3x3-BN-ReLU, conv1x1 to the classes; output res = input res. */
    static Block tinyNet(boolean dropout) {
        SequentialBlock b = new SequentialBlock();
        b.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(8).build());
        b.add(BatchNorm.builder().build());
        b.add(Activation.reluBlock());
        if (dropout) {
            b.add(Dropout.builder().optRate(0.2f).build());
        }
        b.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(8).build());
        b.add(BatchNorm.builder().build());
        b.add(Activation.reluBlock());
        b.add(Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(CLASSES).build());
        return b;
    }

    static ModelManifest manifest(int h, int w) {
        ClassMeta classes = ClassMeta.of(new String[] {"a", "b", "c"},
                new int[][] {{0, 0, 0}, {255, 0, 0}, {0, 255, 0}}, 255);
        return new ModelManifest(ModelManifest.FORMAT_VERSION, ModelSpec.of("tiny", CLASSES), classes,
                new ModelManifest.Preprocessing(h, w, new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.5f, 0.5f, 0.5f}, 1),
                new ModelManifest.Provenance("test", "0.35.1", "2.7.1", null, 0, "none", null, null), Map.of());
    }

    /**
     * Synthetic samples: the label of a pixel is which of the three channels is largest (void
     * where the largest value is below a threshold), so a per-pixel network can learn it.
     */
    static final class Provider implements BatchProvider {
        final int samples;
        final int batchSize;
        final int h;
        final int w;
        final long seed;
        final float[][] images;
        final byte[][] labels;
        /** Epoch (0-based) and batch index whose images become NaN, or -1. */
        int nanEpoch = -1;
        int nanBatch = -1;

        Provider(int samples, int batchSize, int h, int w, long seed) {
            this.samples = samples;
            this.batchSize = batchSize;
            this.h = h;
            this.w = w;
            this.seed = seed;
            images = new float[samples][];
            labels = new byte[samples][];
            Random r = new Random(seed);
            int plane = h * w;
            for (int s = 0; s < samples; s++) {
                float[] img = new float[3 * plane];
                byte[] lab = new byte[plane];
                for (int i = 0; i < plane; i++) {
                    int best = 0;
                    float bestV = -9;
                    for (int c = 0; c < 3; c++) {
                        float v = (float) r.nextGaussian();
                        img[c * plane + i] = v;
                        if (v > bestV) {
                            bestV = v;
                            best = c;
                        }
                    }
                    lab[i] = bestV < -0.5f ? (byte) 255 : (byte) best;
                }
                images[s] = img;
                labels[s] = lab;
            }
        }

        @Override
        public Iterator<Batch> epoch(int epoch) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < samples; i++) {
                order.add(i);
            }
            java.util.Collections.shuffle(order, new Random(seed * 31 + epoch));
            List<Batch> batches = new ArrayList<>();
            int plane = h * w;
            for (int b = 0; b < batchesPerEpoch(); b++) {
                int n = Math.min(batchSize, samples - b * batchSize);
                float[] img = new float[n * 3 * plane];
                byte[] lab = new byte[n * plane];
                List<String> ids = new ArrayList<>();
                for (int k = 0; k < n; k++) {
                    int s = order.get(b * batchSize + k);
                    System.arraycopy(images[s], 0, img, k * 3 * plane, 3 * plane);
                    System.arraycopy(labels[s], 0, lab, k * plane, plane);
                    ids.add("s" + s);
                }
                if (epoch == nanEpoch && b == nanBatch) {
                    java.util.Arrays.fill(img, Float.NaN);
                }
                batches.add(new Batch(img, lab, n, h, w, ids));
            }
            return batches.iterator();
        }

        @Override
        public int batchesPerEpoch() {
            return (samples + batchSize - 1) / batchSize;
        }

        @Override
        public int samplesPerEpoch() {
            return samples;
        }
    }
}
