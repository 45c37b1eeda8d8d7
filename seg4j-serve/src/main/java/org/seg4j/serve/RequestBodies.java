package org.seg4j.serve;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

/**
 * Reads the image of a segmentation request, never more than the body limit: the raw body, or the
 * multipart field {@code image} (or the only file of the form).
 */
final class RequestBodies {

    private RequestBodies() {}

    /**
     * The uploaded bytes.
     *
     * @throws ApiException 413 over {@code maxBytes}, 400 for a form without a file
     */
    static byte[] read(Context ctx, long maxBytes) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge(declared, maxBytes);
        }
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (type.startsWith("multipart/form-data")) {
            return multipart(ctx, maxBytes);
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (data.length > maxBytes) {
                throw tooLarge(-1, maxBytes);
            }
            return data;
        } catch (IOException e) {
            throw new ApiException(400, "bad_body", "cannot read the request body (" + e.getMessage() + ")");
        }
    }

    private static byte[] multipart(Context ctx, long maxBytes) {
        UploadedFile file;
        try {
            file = ctx.uploadedFile("image");
            if (file == null) {
                List<UploadedFile> files = ctx.uploadedFiles();
                if (files.size() != 1) {
                    throw new ApiException(400, "no_image", "the form has " + files.size()
                            + " files; send the image in the field 'image'");
                }
                file = files.get(0);
            }
        } catch (IllegalStateException e) {
            // Jetty's multipart parser refuses parts and requests over the configured sizes
            throw tooLarge(-1, maxBytes);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof IllegalStateException) {
                throw tooLarge(-1, maxBytes);
            }
            throw new ApiException(400, "bad_body", "cannot read the multipart form (" + e.getMessage() + ")");
        }
        if (file.size() > maxBytes) {
            throw tooLarge(file.size(), maxBytes);
        }
        try (InputStream in = file.content()) {
            return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        } catch (IOException e) {
            throw new ApiException(400, "bad_body", "cannot read the uploaded file (" + e.getMessage() + ")");
        }
    }

    private static ApiException tooLarge(long size, long maxBytes) {
        String what = size >= 0 ? "the body is " + size + " bytes" : "the body is larger than allowed";
        return new ApiException(413, "body_too_large", what + "; the server accepts at most " + maxBytes + " bytes");
    }
}
