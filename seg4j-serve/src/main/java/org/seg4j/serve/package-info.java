/**
 * Segmentation as a service: {@link org.seg4j.serve.SegmentationServer} serves model directories
 * over HTTP (JSON API, Prometheus metrics, a web page), with dynamic batching ({@code Batcher}),
 * a bounded queue and limits on body size, pixel count and PNG metadata that are checked before
 * anything is decoded ({@link org.seg4j.serve.ImageDecoder}).
 */
package org.seg4j.serve;
