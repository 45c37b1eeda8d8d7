/**
 * Segmentation networks: every model is an encoder, a decoder and a head composed by one class,
 * built by name through {@link org.seg4j.model.ModelRegistry}, and stored with a
 * {@link org.seg4j.model.ModelManifest} in a self-describing {@link org.seg4j.model.ModelDirectory}.
 */
package org.seg4j.model;
