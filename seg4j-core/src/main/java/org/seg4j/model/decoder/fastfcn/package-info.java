/** FastFCN: Joint Pyramid Upsampling over an undilated encoder's last three stages. */
package org.seg4j.model.decoder.fastfcn;
