package org.seg4j.infer.region;

import java.nio.file.Files;
import java.nio.file.Path;
import org.seg4j.Seg4jException;
import org.seg4j.data.RgbImage;
import org.seg4j.util.Json;

/**
 * The region-based method for one image: selective search proposes regions on the RGB image, the
 * encoder computes one feature map on the normalised image, each region's features are pooled from
 * it ({@link RegionFeatures}), the per-class SVMs score them ({@link LinearSvms}) and every pixel
 * takes the best score of the regions covering it ({@link RegionLabels}). Closing it frees the
 * encoder.
 */
public final class RegionSegmenter implements AutoCloseable {

    private final RegionDescriber describer;
    private final LinearSvms svms;

    public RegionSegmenter(RegionDescriber describer, LinearSvms svms) {
        if (describer.dimension() != svms.dimension()) {
            throw new IllegalArgumentException("the SVMs take " + svms.dimension() + " features but the encoder gives "
                    + describer.dimension());
        }
        this.describer = describer;
        this.svms = svms;
    }

    /** Opens the {@code regions.json} of a model directory and the encoder weights it names. */
    public static RegionSegmenter open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new Seg4jException(file + ": no such region model file");
        }
        RegionModelFile m = Json.read(file, RegionModelFile.class);
        if (m.formatVersion() > RegionModelFile.FORMAT_VERSION) {
            throw new Seg4jException(file + ": format version " + m.formatVersion() + " is newer than this seg4j ("
                    + RegionModelFile.FORMAT_VERSION + ")");
        }
        if (m.svms() == null || m.encoderNetwork() == null) {
            throw new Seg4jException(file + ": needs 'encoder_network' and 'svms'");
        }
        Path weights = file.resolveSibling(m.encoderWeights());
        if (!Files.isRegularFile(weights)) {
            throw new Seg4jException(file + ": names encoder weights '" + m.encoderWeights() + "' but " + weights
                    + " does not exist");
        }
        RegionEncoder encoder = RegionEncoder.load(m.encoderNetwork(), weights, m.featureStride());
        if (RegionFeatures.dimension(encoder.channels()) != m.svms().dimension()) {
            encoder.close();
            throw new Seg4jException(file + ": the SVMs take " + m.svms().dimension() + " features but the encoder "
                    + "gives " + RegionFeatures.dimension(encoder.channels()));
        }
        return new RegionSegmenter(new RegionDescriber(encoder, m.search()), m.svms());
    }

    public int numClasses() {
        return svms.classes();
    }

    public LinearSvms svms() {
        return svms;
    }

    /** {@code classes x H x W} pixel scores of one image. */
    public float[] pixelScores(RgbImage image, float[] normalisedChw) {
        RegionDescriber.Described d = describer.describe(image, normalisedChw);
        float[][] scores = new float[d.features().length][];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = svms.scores(d.features()[i]);
        }
        return RegionLabels.pixelScores(d.proposals(), scores, svms.classes());
    }

    @Override
    public void close() {
        describer.close();
    }
}
