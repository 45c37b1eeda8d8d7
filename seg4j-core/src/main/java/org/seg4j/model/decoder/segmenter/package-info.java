/** Segmenter's mask transformer decoder (Strudel et al., 2021). */
package org.seg4j.model.decoder.segmenter;
