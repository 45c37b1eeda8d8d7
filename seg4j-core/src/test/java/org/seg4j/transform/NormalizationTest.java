package org.seg4j.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.seg4j.data.RgbImage;
import org.seg4j.model.ModelManifest;
import org.seg4j.util.Json;

class NormalizationTest {

    /** A 2x1 image: pixel 0 is (r0, g0, b0), pixel 1 is (r1, g1, b1). */
    private static RgbImage twoPixels(int r0, int g0, int b0, int r1, int g1, int b1) {
        return new RgbImage(2, 1, new byte[] {(byte) r0, (byte) g0, (byte) b0, (byte) r1, (byte) g1, (byte) b1});
    }

    @Test
    void fixedStatisticsFollowTheFormula() {
        Normalization n = new Normalization(new float[] {0.5f, 0, 0.25f}, new float[] {0.5f, 1, 0.25f});
        float[] chw = n.toChw(twoPixels(255, 0, 51, 0, 255, 255));
        // (v/255 - mean)/std: r (1-0.5)/0.5=1, (0-0.5)/0.5=-1; g 0, 1; b (0.2-0.25)/0.25=-0.2, 3
        assertThat(chw).containsExactly(new float[] {1, -1, 0, 1, -0.2f, 3}, within(1e-5f));
        assertThat(n.perImage()).isFalse();
        assertThat(n.modeName()).isEqualTo("fixed");
    }

    @Test
    void perImageStandardisesEachChannelByItsOwnStatistics() {
        // r: 0 and 100 (mean 50, std 50); g: 10 and 30 (mean 20, std 10); b: 200 and 100 (mean 150, std 50)
        float[] chw = Normalization.PER_IMAGE.toChw(twoPixels(0, 10, 200, 100, 30, 100));
        assertThat(chw).containsExactly(new float[] {-1, 1, -1, 1, 1, -1}, within(1e-6f));
        assertThat(Normalization.PER_IMAGE.modeName()).isEqualTo("per-image");
    }

    @Test
    void perImageIgnoresGainAndOffsetPerChannel() {
        RgbImage day = new RgbImage(3, 2, new byte[] {
            (byte) 200, (byte) 210, (byte) 220, 40, 50, 60, 100, 120, (byte) 140,
            (byte) 180, 90, 30, 20, 20, 20, (byte) 250, (byte) 240, (byte) 230});
        byte[] dusk = new byte[day.data().length];
        double[] gain = {0.4, 0.5, 0.6};
        double[] offset = {3, 5, 10};
        for (int i = 0; i < dusk.length; i++) {
            dusk[i] = (byte) Math.round((day.data()[i] & 0xFF) * gain[i % 3] + offset[i % 3]);
        }
        float[] a = Normalization.PER_IMAGE.toChw(day);
        float[] b = Normalization.PER_IMAGE.toChw(new RgbImage(3, 2, dusk));
        // rounding the darkened image to whole grey levels is the only difference
        assertThat(b).containsExactly(a, within(0.03f));
        assertThat(Normalization.IMAGENET.toChw(new RgbImage(3, 2, dusk))[0])
                .as("fixed statistics see the change").isNotCloseTo(Normalization.IMAGENET.toChw(day)[0], within(0.5f));
    }

    @Test
    void aFlatChannelMapsToZero() {
        float[] chw = Normalization.PER_IMAGE.toChw(twoPixels(7, 0, 255, 7, 1, 255));
        assertThat(chw[0]).isZero();
        assertThat(chw[1]).isZero();
        assertThat(chw[4]).isZero();
        assertThat(chw[5]).isZero();
        // g: 0 and 1, std 0.5 below the 1-level floor: divided by 1, not by 0.5
        assertThat(chw[2]).isCloseTo(-0.5f, within(1e-6f));
    }

    @Test
    void theManifestRecordsPerImageAndOlderManifestsReadAsFixed() throws Exception {
        var pre = new ModelManifest.Preprocessing(64, 64, Normalization.PER_IMAGE, 0.5, null);
        String json = Json.JSON.writeValueAsString(pre);
        assertThat(json).containsPattern("\"normalization\"\\s*:\\s*\"per-image\"");
        var back = Json.JSON.readValue(json, ModelManifest.Preprocessing.class);
        assertThat(back.normalization().perImage()).isTrue();

        var fixed = new ModelManifest.Preprocessing(64, 64, Normalization.IMAGENET, 1.0, null);
        String old = Json.JSON.writeValueAsString(fixed);
        assertThat(old).as("fixed manifests are written as before").doesNotContain("normalization");
        Normalization read = Json.JSON.readValue(old, ModelManifest.Preprocessing.class).normalization();
        assertThat(read.perImage()).isFalse();
        assertThat(read.mean()).containsExactly(Normalization.IMAGENET.mean());
        assertThat(read.std()).containsExactly(Normalization.IMAGENET.std());

        assertThatThrownBy(() -> Json.JSON.readValue(old.replace("\"scale\"", "\"normalization\" : \"local\", \"scale\""),
                ModelManifest.Preprocessing.class))
                .hasMessageContaining("preprocessing.normalization must be fixed or per-image, got 'local'");
    }
}
