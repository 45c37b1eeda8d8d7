/**
 * Instance and panoptic annotations: {@link org.seg4j.data.instance.PanopticAnnotation} (a
 * per-pixel segment id, and per segment a class and a crowd flag) and its file formats: COCO
 * panoptic PNG + JSON ({@link org.seg4j.data.instance.CocoPanoptic}), 16-bit instance-id PNGs
 * beside semantic masks ({@link org.seg4j.data.instance.InstancePng}), Cityscapes
 * {@code *_instanceIds.png} ({@link org.seg4j.data.instance.CityscapesInstanceIds}) and COCO
 * instances with polygons or RLE ({@link org.seg4j.data.instance.CocoInstances}). Thing and stuff
 * classes come from {@code isthing} in {@code classes.yaml}.
 * {@link org.seg4j.data.instance.IsbiInstanceConverter} turns the ISBI 2012 EM stack into the
 * folder layout with instances.
 */
package org.seg4j.data.instance;
