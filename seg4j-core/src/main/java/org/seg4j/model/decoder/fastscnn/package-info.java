/**
 * Fast-SCNN, a real-time CPU segmentation network: learning to downsample, inverted residual
 * bottlenecks, pyramid pooling and two-branch feature fusion; factory {@link
 * org.seg4j.model.decoder.fastscnn.FastScnn}.
 */
package org.seg4j.model.decoder.fastscnn;
