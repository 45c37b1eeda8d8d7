package org.seg4j.data;

/**
 * Indexed access to samples, the view of a data set that loaders and evaluators need.
 * Implementations must be safe to call from several threads at once.
 */
public interface SampleSource {

    /** Number of samples. */
    int size();

    /** Reads sample {@code index} (image and mask, mask may be absent). */
    Sample load(int index);

    /**
     * Reads only the mask of sample {@code index}: {@code null} when the sample has none (a source
     * may throw instead, naming the file). Sources that can skip decoding the image override this.
     */
    default LabelMask loadMask(int index) {
        return load(index).mask();
    }

    /** Identifier of sample {@code index} without reading it. */
    String id(int index);

    /** The class definitions that the masks use. */
    ClassMeta classes();
}
