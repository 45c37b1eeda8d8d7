package org.seg4j.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.seg4j.Seg4jException;
import org.seg4j.util.Json;

/**
 * The one line each benchmark process prints at its end: {@code PERF_RESULT} and a JSON object
 * with {@code side}, {@code model}, {@code parameters}, {@code inference} (a list of {@code
 * {batch, size, runs, p50_ms, images_per_s}}), {@code training} (one such object), {@code loader}
 * ({@code {images_per_s}}), {@code peak_rss_mb} and {@code torch} (engine version). The Python
 * side ({@code bench/perf_pytorch.py}) writes the same format.
 */
public final class ResultLine {

    /** Prefix of the result line. */
    public static final String PREFIX = "PERF_RESULT ";

    private ResultLine() {}

    /** The result line for {@code r}. */
    public static String format(SideResult r) {
        ObjectNode o = Json.JSON.createObjectNode();
        o.put("side", r.side());
        if (r.model() != null) {
            o.put("model", r.model());
            o.put("parameters", r.parameters());
        }
        ArrayNode inf = o.putArray("inference");
        for (Timing t : r.inference()) {
            inf.add(timing(t));
        }
        if (r.training() != null) {
            o.set("training", timing(r.training()));
        }
        if (!Double.isNaN(r.loaderImagesPerSecond())) {
            o.putObject("loader").put("images_per_s", r.loaderImagesPerSecond());
        }
        o.put("peak_rss_mb", r.peakRssMb());
        o.put("torch", r.version());
        return PREFIX + o;
    }

    private static ObjectNode timing(Timing t) {
        ObjectNode n = Json.JSON.createObjectNode();
        n.put("batch", t.batch());
        n.put("size", t.size());
        n.put("runs", t.runs());
        n.put("p50_ms", t.p50Millis());
        n.put("images_per_s", t.imagesPerSecond());
        return n;
    }

    /**
     * The result in a process's output: its last line starting with {@link #PREFIX}. {@code what}
     * names the process in errors, which quote the end of the output when there is no result.
     */
    public static SideResult parse(String output, String what) {
        String line = null;
        for (String l : output.split("\\R")) {
            if (l.startsWith(PREFIX)) {
                line = l.substring(PREFIX.length());
            }
        }
        if (line == null) {
            throw new Seg4jException(what + " printed no " + PREFIX.trim() + " line; its output ended with:\n"
                    + tail(output, 2000));
        }
        JsonNode o;
        try {
            o = Json.JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new Seg4jException(what + " printed a malformed result line (" + e.getOriginalMessage() + "): "
                    + line);
        }
        if (o == null || !o.isObject()) {
            throw new Seg4jException(what + " printed a result that is not a JSON object: " + line);
        }
        List<Timing> inference = new ArrayList<>();
        for (JsonNode t : o.path("inference")) {
            inference.add(timing(t, what));
        }
        Timing training = o.has("training") ? timing(o.get("training"), what) : null;
        double loader = o.has("loader") ? number(o.get("loader"), "images_per_s", what) : Double.NaN;
        return new SideResult(
                text(o, "side", what),
                o.hasNonNull("model") ? o.get("model").asText() : null,
                o.path("parameters").asLong(0),
                inference,
                training,
                loader,
                number(o, "peak_rss_mb", what),
                o.path("torch").asText(""));
    }

    private static Timing timing(JsonNode t, String what) {
        return new Timing((int) number(t, "batch", what), (int) number(t, "size", what), (int) number(t, "runs", what),
                number(t, "p50_ms", what), number(t, "images_per_s", what));
    }

    private static double number(JsonNode o, String key, String what) {
        JsonNode v = o.get(key);
        if (v == null || !v.isNumber()) {
            throw new Seg4jException(what + " result lacks the number '" + key + "' in " + o);
        }
        return v.asDouble();
    }

    private static String text(JsonNode o, String key, String what) {
        JsonNode v = o.get(key);
        if (v == null || !v.isTextual()) {
            throw new Seg4jException(what + " result lacks the text '" + key + "' in " + o);
        }
        return v.asText();
    }

    private static String tail(String s, int n) {
        return s.length() <= n ? s : "..." + s.substring(s.length() - n);
    }
}
