/**
 * Data quality before training: {@link org.seg4j.data.quality.DatasetCheck} (the checks behind
 * {@code seg4j data validate}), {@link org.seg4j.data.quality.Sharpness} scores for blurry-image
 * detection, {@link org.seg4j.data.quality.SharpnessReport} with thumbnails of the blurriest images,
 * and {@link org.seg4j.data.quality.DatasetStats} (class shares, image sizes, class weights, charts).
 */
package org.seg4j.data.quality;
