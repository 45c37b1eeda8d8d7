/**
 * Data set conversion for {@code seg4j data convert} and {@code data filter}:
 * {@link org.seg4j.data.convert.LayoutWriter} writes samples in the folder, CamVid, Pascal VOC or
 * Cityscapes layout with index, palette or colour masks; {@link org.seg4j.data.convert.DatasetCopier}
 * copies a data set between layouts; {@link org.seg4j.data.convert.CocoImporter} and
 * {@link org.seg4j.data.convert.LabelMeImporter} turn polygon (and COCO RLE) annotations into index
 * masks through {@link org.seg4j.data.convert.PolygonRasterizer} and {@link org.seg4j.data.convert.CocoRle}
 * ({@link org.seg4j.data.convert.CocoSegmentation} decodes and encodes one COCO segmentation).
 */
package org.seg4j.data.convert;
