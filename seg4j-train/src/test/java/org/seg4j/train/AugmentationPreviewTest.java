package org.seg4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seg4j.data.Sample;
import org.seg4j.train.loader.BatchLoader;
import org.seg4j.train.loader.PatternSource;

class AugmentationPreviewTest {

    private static final TrainConfig CONFIG = TrainConfig.fromMap(Map.of("crop_height", "20", "crop_width", "30",
            "batch_size", "4", "copy_paste", "1", "color_jitter", "0.3", "seed", "9"), "test.yaml");

    @Test
    void theBatchesAreTheTrainingLoadersBeforeNormalisation() {
        PatternSource source = new PatternSource(10);
        List<List<Sample>> shown = AugmentationPreview.builder().setSource(source).setConfig(CONFIG).optEpoch(3)
                .optBatches(5).build().batches();
        assertThat(shown).as("an epoch of 10 samples has 3 batches of 4").hasSize(3);
        assertThat(shown.get(2)).hasSize(2);
        try (BatchLoader loader = TrainingLoaders.training(source, CONFIG, CONFIG.normalization()).build()) {
            for (int b = 0; b < 3; b++) {
                List<Sample> expected = loader.samples(3, b);
                for (int i = 0; i < expected.size(); i++) {
                    assertThat(shown.get(b).get(i).id()).isEqualTo(expected.get(i).id());
                    assertThat(shown.get(b).get(i).image().data()).isEqualTo(expected.get(i).image().data());
                    assertThat(shown.get(b).get(i).mask().data()).isEqualTo(expected.get(i).mask().data());
                }
            }
        }
    }

    @Test
    void classAwareSamplingDrawsTheBatchesAsTrainingDoes() {
        PatternSource source = new PatternSource(10);
        TrainConfig sampled = CONFIG.toBuilder().optValues(Map.of("sampling", "class-aware")).build();
        List<List<Sample>> shown = AugmentationPreview.builder().setSource(source).setConfig(sampled).optEpoch(2)
                .optBatches(3).build().batches();
        double[] weights = TrainingLoaders.sampleWeights(source, sampled);
        assertThat(weights).hasSize(10);
        assertThat(TrainingLoaders.sampleWeights(source, CONFIG)).isNull();
        try (BatchLoader weighted = TrainingLoaders.training(source, sampled, sampled.normalization())
                .optSampleWeights(weights).build()) {
            int[] order = weighted.order(2);
            List<String> ids = shown.stream().flatMap(List::stream).map(Sample::id).toList();
            assertThat(ids).containsExactlyElementsOf(
                    java.util.Arrays.stream(order).mapToObj(source::id).toList());
        }
    }

    @Test
    void theSheetHasARowPerBatchWithEachImageAboveItsLabel() {
        PatternSource source = new PatternSource(10);
        AugmentationPreview preview = AugmentationPreview.builder().setSource(source).setConfig(CONFIG).build();
        List<List<Sample>> rows = preview.batches();
        BufferedImage sheet = preview.render(rows);
        assertThat(sheet.getWidth()).isEqualTo(4 + 4 * (30 + 4));
        assertThat(sheet.getHeight()).isEqualTo(4 + 2 * (16 + 2 * 20 + 4));
        Sample s = rows.get(1).get(2);
        int x = 4 + 2 * 34;
        int y = 4 + (16 + 2 * 20 + 4) + 16;
        // the thumbnails are not scaled (30 px is narrower than the largest thumbnail), so pixels match
        assertThat(sheet.getRGB(x + 5, y + 7) & 0xFFFFFF).isEqualTo(s.image().rgb(5, 7));
        int label = s.mask().get(5, 7);
        assertThat(sheet.getRGB(x + 5, y + 20 + 7) & 0xFFFFFF).isEqualTo(source.classes().palette()[label]);
    }

    @Test
    void badSettingsAreRefused() {
        PatternSource source = new PatternSource(4);
        assertThatThrownBy(() -> AugmentationPreview.builder().setSource(source).setConfig(CONFIG).optBatches(0)
                .build()).hasMessageContaining("batches must be positive, got 0");
        assertThatThrownBy(() -> AugmentationPreview.builder().setConfig(CONFIG).build())
                .hasMessageContaining("setSource");
        TrainConfig panoptic = TrainConfig.fromMap(Map.of("task", "panoptic"), "p.yaml");
        assertThatThrownBy(() -> AugmentationPreview.builder().setSource(source).setConfig(panoptic).build())
                .hasMessageContaining("task panoptic");
    }
}
