package org.seg4j.data.instance;

import java.nio.file.Files;
import java.nio.file.Path;
import org.seg4j.Seg4jException;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.LabelMask;
import org.seg4j.data.Sample;
import org.seg4j.data.SampleSource;
import org.seg4j.data.SegmentationDataset;
import org.seg4j.data.layout.DatasetEntry;

/**
 * A split of the folder layout with instance annotations ({@code masks/} + {@code instances/},
 * see {@link InstancePng}) as samples that carry their {@link PanopticAnnotation}: what panoptic
 * training and evaluation read. Written by {@code seg4j synth --instances}, {@code seg4j data
 * isbi-instances} and {@code seg4j data convert --instances}. Thread-safe, as the data set.
 */
public final class InstanceSamples implements SampleSource {

    private final SegmentationDataset dataset;

    private InstanceSamples(SegmentationDataset dataset) {
        this.dataset = dataset;
    }

    /**
     * Wraps a split whose masks have instance PNGs beside them.
     *
     * @throws Seg4jException when the classes mark no thing class or a mask has no instance PNG
     *     (each naming the file)
     */
    public static InstanceSamples of(SegmentationDataset dataset) {
        ClassMeta classes = dataset.classes();
        boolean anyThing = false;
        for (int c = 0; c < classes.numClasses(); c++) {
            anyThing |= classes.isThing(c);
        }
        if (!anyThing) {
            throw new Seg4jException(dataset.root().resolve(ClassMeta.FILE_NAME) + ": no class is marked "
                    + "'isthing: true'; panoptic data needs at least one thing class");
        }
        for (DatasetEntry e : dataset.entries()) {
            Path png = e.mask() == null ? null : InstancePng.besideMask(e.mask());
            if (png == null || !Files.isRegularFile(png)) {
                throw new Seg4jException(e.image() + ": no instance PNG" + (png == null ? "" : " " + png)
                        + "; panoptic data needs " + InstancePng.FOLDER + "/ beside masks/");
            }
        }
        return new InstanceSamples(dataset);
    }

    /** The wrapped split. */
    public SegmentationDataset dataset() {
        return dataset;
    }

    @Override
    public int size() {
        return dataset.size();
    }

    @Override
    public Sample load(int index) {
        Sample s = dataset.load(index);
        return new Sample(s.id(), s.image(), s.mask(), annotation(index, s.mask()));
    }

    @Override
    public LabelMask loadMask(int index) {
        return dataset.loadMask(index);
    }

    /** Reads the annotation of sample {@code index} (its mask and instance PNG). */
    public PanopticAnnotation loadAnnotation(int index) {
        return annotation(index, dataset.loadMask(index));
    }

    private PanopticAnnotation annotation(int index, LabelMask mask) {
        return InstancePng.read(dataset.entries().get(index).mask(), mask, dataset.classes());
    }

    @Override
    public String id(int index) {
        return dataset.id(index);
    }

    @Override
    public ClassMeta classes() {
        return dataset.classes();
    }
}
