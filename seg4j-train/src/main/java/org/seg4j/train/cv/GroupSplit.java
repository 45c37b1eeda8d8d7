package org.seg4j.train.cv;

import java.util.function.Supplier;
import org.seg4j.data.SegmentationDataset;
import org.seg4j.data.group.GroupKey;
import org.seg4j.data.group.SampleGroups;
import org.seg4j.train.TrainConfig;

/**
 * The training and validation sets of a run whose configuration chooses groups ({@code group_by},
 * {@code val_groups}, {@code train_groups}): {@code val_groups} holds out whole groups of the
 * training split as the validation set, {@code train_groups} keeps only those groups for training.
 *
 * @param train the samples to train on
 * @param validation the samples to validate on, {@code null} for none
 * @param groups the training split's groups, {@code null} when the configuration chooses none
 */
public record GroupSplit(SegmentationDataset train, SegmentationDataset validation, SampleGroups groups) {

    /**
     * Applies the configuration's groups to {@code trainSplit}.
     *
     * @param validationSplit opens the validation split (called only when {@code val_groups} is empty);
     *     it may return {@code null} for none
     */
    public static GroupSplit of(SegmentationDataset trainSplit, Supplier<SegmentationDataset> validationSplit,
            TrainConfig config) {
        if (config.valGroups().isEmpty() && config.trainGroups().isEmpty()) {
            if (config.groupBy() != null) {
                // parsed for its errors; the run itself does not use it
                GroupKey.parse(config.groupBy());
            }
            return new GroupSplit(trainSplit, validationSplit.get(), null);
        }
        GroupKey key = GroupKey.resolve(config.groupBy(), trainSplit.layout().name(), "--group-by");
        SampleGroups groups = SampleGroups.of(trainSplit, key);
        SegmentationDataset train = config.trainGroups().isEmpty()
                ? groups.exclude(config.valGroups(), "--val-groups")
                : groups.select(config.trainGroups(), "--train-groups");
        SegmentationDataset val = config.valGroups().isEmpty() ? validationSplit.get()
                : groups.select(config.valGroups(), "--val-groups");
        return new GroupSplit(train, val, groups);
    }
}
