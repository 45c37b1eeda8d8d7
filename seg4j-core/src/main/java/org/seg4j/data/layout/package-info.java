/**
 * How data sets are arranged on disk: {@link org.seg4j.data.layout.DatasetLayout} and its
 * implementations for plain image/mask folders, CamVid, Pascal VOC and Cityscapes, plus the registry and
 * automatic detection in {@link org.seg4j.data.layout.DatasetLayouts}.
 */
package org.seg4j.data.layout;
