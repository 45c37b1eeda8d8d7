/**
 * Small shared utilities: atomic file writes, JSON/YAML mappers, build provenance, progress, and the
 * image algorithms several layers use (Euclidean distance transform, separable Gaussian filter,
 * connected-component labelling).
 */
package org.seg4j.util;
