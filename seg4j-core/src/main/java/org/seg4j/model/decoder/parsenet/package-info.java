/** ParseNet: global context by L2-normalised global pooling, unpooling and concatenation. */
package org.seg4j.model.decoder.parsenet;
