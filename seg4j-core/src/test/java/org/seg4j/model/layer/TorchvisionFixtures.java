package org.seg4j.model.layer;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import org.seg4j.util.Json;

/** The committed fixtures of {@code bench/reference/make_maskrcnn_fixtures.py} (torchvision 0.28). */
public final class TorchvisionFixtures {

    private TorchvisionFixtures() {}

    /** One fixture file of {@code /reference/maskrcnn}. */
    public static JsonNode json(String name) throws IOException {
        try (InputStream in = TorchvisionFixtures.class.getResourceAsStream("/reference/maskrcnn/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource /reference/maskrcnn/" + name);
            }
            return Json.JSON.readTree(in);
        }
    }

    /** A numeric JSON array as floats. */
    public static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).asDouble();
        }
        return out;
    }

    /** A numeric JSON array as ints. */
    public static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }
}
