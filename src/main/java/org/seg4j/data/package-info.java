/**
 * Data sets: images, masks and class definitions, folder layouts (folder pairs, CamVid, Pascal VOC),
 * validation of bad input, and class statistics.
 */
package org.seg4j.data;
