/** Joint image/mask transforms (geometric and photometric augmentation) and normalisation. */
package org.seg4j.transform;
