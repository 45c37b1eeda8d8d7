/**
 * Groups of samples (the video sequence a frame comes from, the patient a slice belongs to) and
 * splits of a data set that keep whole groups together: {@link org.seg4j.data.group.GroupKey} says
 * how a sample's group is derived, {@link org.seg4j.data.group.SampleGroups} lists the groups of a
 * split and selects samples by group, {@link org.seg4j.data.group.GroupFolds} partitions the groups
 * into cross-validation folds.
 */
package org.seg4j.data.group;
