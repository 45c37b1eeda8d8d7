package org.seg4j.data.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.Sample;
import org.seg4j.data.SegmentationDataset;
import org.seg4j.data.instance.InstancePng;
import org.seg4j.data.instance.InstanceSamples;
import org.seg4j.data.instance.PanopticAnnotation;
import org.seg4j.data.instance.Segment;

/** {@code seg4j synth --instances}: instance ids, groups of touching things, the folder layout. */
class SyntheticStreetScenesInstancesTest {

    private static final SyntheticStreetScenes SCENES =
            SyntheticStreetScenes.builder().optSeed(3).optSize(96, 128).optInstances(true).build();

    @Test
    void everyCarAndPedestrianIsAnInstanceAndStuffHasNone() {
        ClassMeta classes = SCENES.classes();
        assertThat(classes.isThing(StreetClasses.CAR)).isTrue();
        assertThat(classes.isThing(StreetClasses.PEDESTRIAN)).isTrue();
        assertThat(classes.isThing(StreetClasses.ROAD)).isFalse();
        int things = 0;
        for (int i = 0; i < 10; i++) {
            Sample s = SCENES.generate(i);
            PanopticAnnotation a = s.instances();
            assertThat(a.classMask().data()).containsExactly(s.mask().data());
            for (Segment seg : a.segments()) {
                assertThat(seg.crowd()).isFalse();
                if (classes.isThing(seg.classId())) {
                    things++;
                }
            }
        }
        assertThat(things).isGreaterThan(20);
    }

    @Test
    void scenesHoldTouchingInstancesOfOneClass() {
        int touching = 0;
        for (int i = 0; i < 10; i++) {
            touching += touchingPairs(SCENES.generate(i).instances());
        }
        assertThat(touching).as("4-adjacent pixel pairs of two instances of one class over 10 scenes").isPositive();
    }

    @Test
    void semanticScenesAreUnchangedByTheInstanceOption() {
        SyntheticStreetScenes plain = SyntheticStreetScenes.builder().optSeed(3).optSize(96, 128).build();
        Sample s = plain.generate(4);
        assertThat(s.instances()).isNull();
        assertThat(plain.classes().isThing(StreetClasses.CAR)).isFalse();
        // the groups come from a second generator: the scene without them is the plain scene
        assertThat(s.image().data()).containsExactly(SyntheticStreetScenes.of(3).generate(4).image().data());
    }

    @Test
    void writtenFolderLayoutReadsBackAsTheGeneratedAnnotations(@TempDir Path tmp) {
        Path out = tmp.resolve("street");
        SyntheticStreetScenes.writeDataset(out, 3, 1, 3, 96, 128, true);
        assertThat(out.resolve("train").resolve(InstancePng.FOLDER)).isDirectory();
        InstanceSamples train = InstanceSamples.of(SegmentationDataset.open(out, null, "train"));
        assertThat(train.classes().isThing(StreetClasses.PEDESTRIAN)).isTrue();
        for (int i = 0; i < train.size(); i++) {
            PanopticAnnotation read = train.load(i).instances();
            PanopticAnnotation generated = SCENES.generate(i).instances();
            assertThat(read.classMask().data()).containsExactly(generated.classMask().data());
            assertThat(read.segments()).hasSameSizeAs(generated.segments());
            assertThat(samePartition(read.ids(), generated.ids())).isTrue();
        }
    }

    private static int touchingPairs(PanopticAnnotation a) {
        int w = a.width();
        int[] ids = a.ids();
        int pairs = 0;
        for (int i = 0; i < ids.length; i++) {
            int x = i % w;
            int[] next = x + 1 < w ? new int[] {i + 1, i + w} : new int[] {i + w};
            for (int j : next) {
                if (j >= ids.length || ids[i] == ids[j] || ids[i] == 0 || ids[j] == 0) {
                    continue;
                }
                Segment p = a.segment(ids[i]);
                Segment q = a.segment(ids[j]);
                if (p.classId() == q.classId() && SCENES.classes().isThing(p.classId())) {
                    pairs++;
                }
            }
        }
        return pairs;
    }

    /** Whether two id maps split the pixels the same way (ids may be numbered differently). */
    private static boolean samePartition(int[] a, int[] b) {
        java.util.Map<Integer, Integer> ab = new java.util.HashMap<>();
        java.util.Map<Integer, Integer> ba = new java.util.HashMap<>();
        for (int i = 0; i < a.length; i++) {
            Integer x = ab.putIfAbsent(a[i], b[i]);
            Integer y = ba.putIfAbsent(b[i], a[i]);
            if ((x != null && x != b[i]) || (y != null && y != a[i])) {
                return false;
            }
        }
        return true;
    }
}
