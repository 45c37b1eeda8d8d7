package org.seg4j.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.seg4j.data.LabelMask;
import org.seg4j.data.RgbImage;
import org.seg4j.data.Sample;
import org.seg4j.data.instance.PanopticAnnotation;

class ClassPasteTest {

    /** A 1-pixel-high sample whose pixel i has label labels[i] and grey level grey + i. */
    private static Sample row(String id, int grey, int... labels) {
        byte[] img = new byte[labels.length * 3];
        byte[] mask = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            img[3 * i] = (byte) (grey + i);
            img[3 * i + 1] = (byte) (grey + i);
            img[3 * i + 2] = (byte) (grey + i);
            mask[i] = (byte) labels[i];
        }
        return new Sample(id, new RgbImage(labels.length, 1, img), new LabelMask(labels.length, 1, mask));
    }

    private static int[] labels(Sample s) {
        int[] out = new int[s.mask().data().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = s.mask().data()[i] & 0xFF;
        }
        return out;
    }

    private static int[] greys(Sample s) {
        int[] out = new int[s.image().width()];
        for (int i = 0; i < out.length; i++) {
            out[i] = s.image().data()[3 * i] & 0xFF;
        }
        return out;
    }

    @Test
    void listedClassesAreCopiedWithTheirPixelsAndVoidIsNot() {
        Sample target = row("t", 10, 0, 0, 0, 0, 0, 0);
        Sample donor = row("d", 100, 1, 2, 3, 2, 255, 1);
        ClassPaste paste = ClassPaste.builder().setProbability(1).optClasses(2, 7).build();
        Sample out = paste.apply(target, donor, new SplittableRandom(1));
        // pixels 1 and 3 carry class 2 in the donor: label and colour come from the donor there
        assertThat(labels(out)).containsExactly(0, 2, 0, 2, 0, 0);
        assertThat(greys(out)).containsExactly(10, 101, 12, 103, 14, 15);
        assertThat(labels(target)).as("the target is not modified in place").containsOnly(0);
        assertThat(out.id()).isEqualTo("t");
    }

    @Test
    void withoutAListAHalfOfTheDonorsClassesRoundedUpIsPasted() {
        Sample target = row("t", 10, 9, 9, 9, 9, 9, 9, 9, 9);
        // five classes present (void is not a class): ceil(5 / 2) = 3 are pasted, whole
        Sample donor = row("d", 100, 0, 1, 2, 3, 4, 0, 255, 3);
        ClassPaste paste = ClassPaste.builder().setProbability(1).build();
        for (int seed = 0; seed < 50; seed++) {
            int[] out = labels(paste.apply(target, donor, new SplittableRandom(seed)));
            Set<Integer> pasted = new TreeSet<>();
            for (int i = 0; i < out.length; i++) {
                if (out[i] != 9) {
                    assertThat(out[i]).isEqualTo(labels(donor)[i]);
                    pasted.add(out[i]);
                }
            }
            assertThat(pasted).hasSize(3);
            for (int i = 0; i < out.length; i++) {
                int d = labels(donor)[i];
                assertThat(out[i]).as("a chosen class is pasted wherever the donor has it")
                        .isEqualTo(pasted.contains(d) ? d : 9);
            }
        }
    }

    @Test
    void everyClassIsChosenSometimesAndTheChoiceRepeatsForOneSeed() {
        Sample target = row("t", 10, 9, 9, 9, 9);
        Sample donor = row("d", 100, 0, 1, 2, 3);
        ClassPaste paste = ClassPaste.builder().setProbability(1).build();
        int[] count = new int[4];
        for (int seed = 0; seed < 200; seed++) {
            int[] out = labels(paste.apply(target, donor, new SplittableRandom(seed)));
            for (int i = 0; i < 4; i++) {
                count[i] += out[i] == i ? 1 : 0;
            }
            assertThat(labels(paste.apply(target, donor, new SplittableRandom(seed)))).containsExactly(out);
        }
        // each class is in the chosen half with probability 1/2: 100 of 200 expected
        for (int n : count) {
            assertThat(n).isBetween(70, 130);
        }
    }

    @Test
    void theProbabilityDecidesHowOftenATargetChanges() {
        Sample target = row("t", 10, 0, 0);
        Sample donor = row("d", 100, 1, 1);
        ClassPaste never = ClassPaste.builder().setProbability(0).optClasses(1).build();
        assertThat(never.apply(target, donor, new SplittableRandom(3))).isSameAs(target);
        ClassPaste third = ClassPaste.builder().setProbability(0.3).optClasses(1).build();
        SplittableRandom rng = new SplittableRandom(11);
        int changed = 0;
        for (int i = 0; i < 1000; i++) {
            changed += third.apply(target, donor, rng) == target ? 0 : 1;
        }
        assertThat(changed).isBetween(250, 350);
    }

    @Test
    void aDonorWithoutTheListedClassesLeavesTheTargetAsItIs() {
        Sample target = row("t", 10, 0, 0);
        Sample donor = row("d", 100, 1, 255);
        ClassPaste paste = ClassPaste.builder().setProbability(1).optClasses(4).build();
        assertThat(paste.apply(target, donor, new SplittableRandom(1))).isSameAs(target);
    }

    @Test
    void badSamplesAndSettingsAreRefusedByName() {
        Sample target = row("t", 10, 0, 0);
        ClassPaste paste = ClassPaste.builder().setProbability(1).build();
        assertThatThrownBy(() -> paste.apply(target, row("wide", 0, 1, 1, 1), new SplittableRandom(1)))
                .hasMessageContaining("donor wide is 3x1 but target t is 2x1");
        Sample unlabelled = new Sample("u", target.image(), null);
        assertThatThrownBy(() -> paste.apply(unlabelled, target, new SplittableRandom(1)))
                .hasMessageContaining("sample u has no mask");
        Sample withInstances = target.with(target.image(), target.mask(),
                new PanopticAnnotation(2, 1, new int[2], List.of()));
        assertThatThrownBy(() -> paste.apply(withInstances, target, new SplittableRandom(1)))
                .hasMessageContaining("sample t has an instance annotation");
        assertThatThrownBy(() -> ClassPaste.builder().build()).hasMessageContaining("setProbability");
        assertThatThrownBy(() -> ClassPaste.builder().setProbability(1.5).build())
                .hasMessageContaining("ClassPaste: probability must be in [0.0, 1.0], got 1.5");
        assertThatThrownBy(() -> ClassPaste.builder().setProbability(1).optClasses(255).build())
                .hasMessageContaining("class id 255 is not in 0..254");
    }
}
