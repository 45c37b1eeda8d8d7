package org.seg4j.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.seg4j.data.Sample;

class GeometricAlignmentTest {

    static Stream<Arguments> transforms() {
        return Stream.of(
                Arguments.of("resize down", new Resize(37, 53), 0),
                Arguments.of("resize up", new Resize(110, 150), 0),
                Arguments.of("random scale", new RandomScale(0.5, 2.0), 0),
                Arguments.of("random crop inside", new RandomCrop(40, 50), 0),
                Arguments.of("random crop padded", new RandomCrop(90, 120, 128), 128),
                Arguments.of("center crop", new CenterCrop(70, 60, 7), 7),
                Arguments.of("flip", new HorizontalFlip(1.0), 0),
                Arguments.of("rotation", new RandomRotation(35, 128), 128),
                Arguments.of("pipeline", TransformPipeline.builder()
                        .add(new RandomScale(0.6, 1.8))
                        .add(new RandomRotation(20, 128))
                        .add(new RandomCrop(64, 64, 128))
                        .add(new HorizontalFlip(0.5))
                        .build(), 128));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transforms")
    void imageAndMaskStayAligned(String name, JointTransform t, int fill) {
        for (long seed : List.of(1L, 2L, 3L, 42L, 1234L)) {
            Sample in = LabelledScene.blocks(96, 72, 12, seed);
            Sample out = t.apply(in, new SplittableRandom(seed));
            // A pipeline resamples twice; the second step may read pixels the first one blended at a
            // label edge, so its interior needs one more pixel of margin.
            int radius = t instanceof TransformPipeline ? 2 : 1;
            int checked = LabelledScene.checkAligned(out, radius, 2, fill);
            int pixels = out.mask().width() * out.mask().height();
            assertThat(checked).as("%s seed %d: interior pixels checked", name, seed).isGreaterThan(pixels / 8);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transforms")
    void withoutMaskGivesTheSameImage(String name, JointTransform t, int fill) {
        Sample in = LabelledScene.blocks(80, 60, 9, 5);
        Sample withMask = t.apply(in, new SplittableRandom(9));
        Sample noMask = t.apply(new Sample(in.id(), in.image(), null), new SplittableRandom(9));
        assertThat(noMask.mask()).isNull();
        assertThat(noMask.image().data()).isEqualTo(withMask.image().data());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transforms")
    void inputIsNotModified(String name, JointTransform t, int fill) {
        Sample in = LabelledScene.blocks(80, 60, 9, 5);
        byte[] image = in.image().data().clone();
        byte[] mask = in.mask().data().clone();
        t.apply(in, new SplittableRandom(3));
        assertThat(in.image().data()).isEqualTo(image);
        assertThat(in.mask().data()).isEqualTo(mask);
    }
}
