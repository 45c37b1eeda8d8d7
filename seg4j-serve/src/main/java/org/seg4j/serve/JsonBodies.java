package org.seg4j.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.seg4j.util.Json;

/** JSON bodies of the API, error bodies included. */
final class JsonBodies {

    private JsonBodies() {}

    /** {@code value} as UTF-8 JSON. */
    static byte[] bytes(Object value) {
        try {
            return Json.JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** {@code {"error": kind, "status": status, "message": message, "request_id": id}}. */
    static byte[] error(int status, String kind, String message, String requestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", kind);
        body.put("status", status);
        body.put("message", message);
        body.put("request_id", requestId);
        return bytes(body);
    }
}
