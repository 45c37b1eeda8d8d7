package org.seg4j.train.weak;

import java.util.List;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.ImageFiles;
import org.seg4j.data.LabelMask;
import org.seg4j.data.Sample;
import org.seg4j.data.SampleSource;
import org.seg4j.data.SegmentationDataset;

/** The images of a data set with masks held in memory instead of its mask files. */
final class RelabelledSource implements SampleSource {

    private final SegmentationDataset images;
    private final List<LabelMask> masks;

    RelabelledSource(SegmentationDataset images, List<LabelMask> masks) {
        if (masks.size() != images.size()) {
            throw new IllegalArgumentException(masks.size() + " masks for " + images.size() + " images");
        }
        this.images = images;
        this.masks = List.copyOf(masks);
    }

    @Override
    public int size() {
        return images.size();
    }

    @Override
    public Sample load(int index) {
        return new Sample(id(index), image(index), masks.get(index));
    }

    /** Reads only the image of sample {@code index}. */
    org.seg4j.data.RgbImage image(int index) {
        return ImageFiles.read(images.entries().get(index).image(), images.options().maxPixels());
    }

    @Override
    public String id(int index) {
        return images.id(index);
    }

    @Override
    public ClassMeta classes() {
        return images.classes();
    }

    List<LabelMask> masks() {
        return masks;
    }
}
