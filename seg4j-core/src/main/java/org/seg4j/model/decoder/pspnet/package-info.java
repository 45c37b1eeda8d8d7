/** PSPNet: the pyramid pooling module on a dilated encoder. */
package org.seg4j.model.decoder.pspnet;
