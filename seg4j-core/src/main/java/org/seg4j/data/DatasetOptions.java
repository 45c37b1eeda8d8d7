package org.seg4j.data;

/**
 * How {@link SegmentationDataset#open} reads a data set.
 *
 * @param skipBad validate every sample when opening and leave out the bad ones (see
 *     {@link SegmentationDataset#validationReport()}); when off, a bad file throws when loaded
 * @param maxPixels images and masks with more pixels are refused before decoding
 * @param requireMasks whether every image must have a mask; off allows unlabelled splits, whose
 *     samples then have no mask
 * @param classes the class list to use, or {@code null} for {@code classes.yaml} in the data set
 *     folder, else the layout's built-in list
 * @param checkFiles whether {@link SegmentationDataset#open} checks that every listed file exists
 *     (on by default; {@code data validate} turns it off to report every missing file instead of
 *     stopping at the first)
 */
public record DatasetOptions(boolean skipBad, long maxPixels, boolean requireMasks, ClassMeta classes,
        boolean checkFiles) {

    /** Strict reading: bad files throw, masks required, 100 MP limit, classes from the data set. */
    public static final DatasetOptions DEFAULT = builder().build();

    public DatasetOptions {
        if (maxPixels <= 0) {
            throw new IllegalArgumentException("maxPixels must be positive, got " + maxPixels);
        }
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link DatasetOptions}. */
    public static final class Builder {
        private boolean skipBad;
        private long maxPixels = ImageFiles.DEFAULT_MAX_PIXELS;
        private boolean requireMasks = true;
        private ClassMeta classes;
        private boolean checkFiles = true;

        private Builder() {}

        /** See {@link DatasetOptions#skipBad()}. */
        public Builder optSkipBad(boolean value) {
            skipBad = value;
            return this;
        }

        /** See {@link DatasetOptions#maxPixels()}. */
        public Builder optMaxPixels(long value) {
            maxPixels = value;
            return this;
        }

        /** See {@link DatasetOptions#requireMasks()}. */
        public Builder optRequireMasks(boolean value) {
            requireMasks = value;
            return this;
        }

        /** See {@link DatasetOptions#classes()}. */
        public Builder optClasses(ClassMeta value) {
            classes = value;
            return this;
        }

        /** See {@link DatasetOptions#checkFiles()}. */
        public Builder optCheckFiles(boolean value) {
            checkFiles = value;
            return this;
        }

        /** The options. */
        public DatasetOptions build() {
            return new DatasetOptions(skipBad, maxPixels, requireMasks, classes, checkFiles);
        }
    }
}
