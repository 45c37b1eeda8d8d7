package org.seg4j.serve;

/** The image formats the server decodes, recognised by their first bytes (never by name or content type). */
public enum ImageFormat {
    PNG("png"),
    JPEG("jpeg"),
    BMP("bmp");

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private final String readerName;

    ImageFormat(String readerName) {
        this.readerName = readerName;
    }

    /** The {@code javax.imageio} format name of this format's decoder. */
    public String readerName() {
        return readerName;
    }

    /**
     * The format whose signature starts {@code data}.
     *
     * @throws ApiException 400 for an empty body, 415 for anything that is not PNG, JPEG or BMP
     */
    public static ImageFormat sniff(byte[] data) {
        if (data.length == 0) {
            throw new ApiException(400, "empty_body", "the request has no image: send a PNG, JPEG or BMP file as"
                    + " the body or as the multipart field 'image'");
        }
        if (startsWith(data, PNG_MAGIC)) {
            return PNG;
        }
        if (data.length >= 3 && (data[0] & 0xFF) == 0xFF && (data[1] & 0xFF) == 0xD8 && (data[2] & 0xFF) == 0xFF) {
            return JPEG;
        }
        if (data.length >= 2 && data[0] == 'B' && data[1] == 'M') {
            return BMP;
        }
        throw new ApiException(415, "unsupported_format", "unsupported image format (" + describe(data)
                + "); supported: PNG, JPEG, BMP, recognised by their first bytes");
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** A short description of the first bytes, naming a few well-known formats. */
    private static String describe(byte[] data) {
        String head = new String(data, 0, Math.min(data.length, 12), java.nio.charset.StandardCharsets.ISO_8859_1);
        if (head.startsWith("GIF8")) {
            return "GIF";
        }
        if (head.startsWith("RIFF") && head.length() >= 12 && head.substring(8, 12).equals("WEBP")) {
            return "WebP";
        }
        if (head.startsWith("II*") || head.startsWith("MM\0*")) {
            return "TIFF";
        }
        StringBuilder hex = new StringBuilder("first bytes");
        for (int i = 0; i < Math.min(data.length, 8); i++) {
            hex.append(String.format(" %02x", data[i] & 0xFF));
        }
        return hex.toString();
    }
}
