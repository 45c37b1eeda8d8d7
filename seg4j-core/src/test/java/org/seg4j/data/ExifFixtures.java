package org.seg4j.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;

/** Test photos with an EXIF orientation tag. */
public final class ExifFixtures {

    private ExifFixtures() {}

    /** A JPEG with an APP1 EXIF segment (big-endian TIFF, one IFD0 entry: orientation) after SOI. */
    public static byte[] jpegWithOrientation(BufferedImage image, int orientation) throws IOException {
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", jpeg);
        byte[] body = jpeg.toByteArray();
        ByteBuffer tiff = ByteBuffer.allocate(26);
        tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
        tiff.putShort((short) 1);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0);
        byte[] exif = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(body, 0, 2); // SOI
        int length = 2 + exif.length + tiff.capacity();
        out.write(new byte[] {(byte) 0xff, (byte) 0xe1, (byte) (length >> 8), (byte) length});
        out.write(exif);
        out.write(tiff.array());
        out.write(body, 2, body.length - 2);
        return out.toByteArray();
    }
}
