package org.seg4j.infer.region;

import org.seg4j.data.RgbImage;
import org.seg4j.data.region.Proposals;
import org.seg4j.data.region.SelectiveSearch;

/**
 * Proposals and their features for one image: selective search on the RGB image, one encoder pass
 * on the normalised image, R-CNN's foreground and box features pooled per region. Shared by
 * training (labels from the ground truth) and inference (labels from the SVMs). Closing it frees the
 * encoder.
 */
public final class RegionDescriber implements AutoCloseable {

    private final RegionEncoder encoder;
    private final SelectiveSearch search;

    public RegionDescriber(RegionEncoder encoder, SelectiveSearch search) {
        this.encoder = encoder;
        this.search = search;
    }

    public RegionEncoder encoder() {
        return encoder;
    }

    public SelectiveSearch search() {
        return search;
    }

    /** Feature length of each region. */
    public int dimension() {
        return RegionFeatures.dimension(encoder.channels());
    }

    /** The regions of one image and their features. */
    public Described describe(RgbImage image, float[] normalisedChw) {
        Proposals proposals = search.propose(image);
        FeatureMap map = encoder.features(normalisedChw, image.height(), image.width());
        return new Described(proposals, RegionFeatures.pool(map, proposals));
    }

    /**
     * One image's proposals and their feature rows.
     *
     * @param proposals the regions
     * @param features one row per region ({@link RegionFeatures})
     */
    public record Described(Proposals proposals, float[][] features) {}

    @Override
    public void close() {
        encoder.close();
    }
}
