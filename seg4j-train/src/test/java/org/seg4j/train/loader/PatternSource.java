package org.seg4j.train.loader;

import java.util.SplittableRandom;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.LabelMask;
import org.seg4j.data.RgbImage;
import org.seg4j.data.Sample;
import org.seg4j.data.SampleSource;

/** An in-memory source of random-pattern samples; can be told to fail or vary in size. */
public final class PatternSource implements SampleSource {

    private static final ClassMeta CLASSES =
            ClassMeta.of(new String[] {"a", "b", "c"}, new int[][] {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}}, 255);

    private final int size;
    private final int failingIndex;
    private final boolean varySize;

    public PatternSource(int size, int failingIndex, boolean varySize) {
        this.size = size;
        this.failingIndex = failingIndex;
        this.varySize = varySize;
    }

    public PatternSource(int size) {
        this(size, -1, false);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Sample load(int index) {
        if (index == failingIndex) {
            throw new IllegalStateException("corrupt file");
        }
        int w = varySize ? 40 + index % 3 : 40;
        int h = 30;
        SplittableRandom rng = new SplittableRandom(index * 31L + 7);
        byte[] img = new byte[w * h * 3];
        for (int i = 0; i < img.length; i++) {
            img[i] = (byte) rng.nextInt(256);
        }
        byte[] mask = new byte[w * h];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = (byte) rng.nextInt(3);
        }
        return new Sample(id(index), new RgbImage(w, h, img), new LabelMask(w, h, mask));
    }

    @Override
    public String id(int index) {
        return String.format("s%03d", index);
    }

    @Override
    public ClassMeta classes() {
        return CLASSES;
    }
}
