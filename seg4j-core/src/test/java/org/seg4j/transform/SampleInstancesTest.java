package org.seg4j.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.seg4j.data.LabelMask;
import org.seg4j.data.Sample;
import org.seg4j.data.instance.PanopticAnnotation;
import org.seg4j.data.instance.Segment;
import org.seg4j.data.synth.SyntheticStreetScenes;

/**
 * A sample's instance annotation goes through the training augmentation (scale, rotation, crop,
 * flip, colour) with its mask: the annotation's class map equals the mask on every pixel, and the
 * segments left are exactly those with pixels.
 */
class SampleInstancesTest {

    @Test
    void instancesStayAlignedWithTheMaskThroughTheTrainingPipeline() {
        SyntheticStreetScenes scenes = SyntheticStreetScenes.builder().optSeed(5).optSize(64, 96).optInstances(true)
                .build();
        TransformPipeline pipeline = TransformPipeline.builder()
                .add(new RandomScale(0.6, 1.7))
                .add(new RandomRotation(15))
                .add(new RandomCrop(48, 56))
                .add(new HorizontalFlip(0.5))
                .add(new ColorJitter(0.2, 0.2, 0.2, 0))
                .build();
        int dropped = 0;
        for (int i = 0; i < 12; i++) {
            Sample in = scenes.generate(i);
            Sample out = pipeline.apply(in, new SplittableRandom(i));
            PanopticAnnotation a = out.instances();
            assertThat(a).isNotNull();
            assertThat(a.width()).isEqualTo(56);
            assertThat(a.height()).isEqualTo(48);
            LabelMask fromInstances = a.classMask();
            assertThat(fromInstances.data()).as("scene %d", i).containsExactly(out.mask().data());
            for (Segment s : a.segments()) {
                assertThat(a.area(s.id())).as("segment %d of scene %d", s.id(), i).isPositive();
            }
            dropped += in.instances().segments().size() - a.segments().size();
        }
        assertThat(dropped).as("segments cropped away over 12 scenes").isPositive();
    }

    @Test
    void semanticSamplesStayWithoutInstances() {
        Sample s = SyntheticStreetScenes.of(1).generate(0);
        assertThat(s.instances()).isNull();
        Sample out = new RandomRotation(10).apply(s, new SplittableRandom(1));
        assertThat(out.instances()).isNull();
    }
}
