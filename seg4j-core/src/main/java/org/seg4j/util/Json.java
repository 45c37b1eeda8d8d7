package org.seg4j.util;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.io.IOException;
import java.nio.file.Path;
import org.seg4j.Seg4jException;

/** Shared Jackson mappers for JSON and YAML, configured once. */
public final class Json {

    /** Pretty-printing JSON mapper that ignores unknown properties (forward compatibility). */
    public static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * YAML mapper without the document-start marker. Text that the YAML reader would take for a
     * number ({@code 0016E5}, a CamVid sequence, reads as 1600000.0) is written in quotes, so that
     * every written string reads back as the same string.
     */
    public static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .stringQuotingChecker(new NumberLikeQuoting())
                    .build())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Jackson's default quoting, plus any text that its parser reads as a number. */
    private static final class NumberLikeQuoting extends StringQuotingChecker.Default {
        private static final long serialVersionUID = 1L;
        private static final java.util.regex.Pattern NUMBER =
                java.util.regex.Pattern.compile("[-+]?([0-9][0-9_]*)?\\.?[0-9_]*([eE][-+]?[0-9]+)?");

        @Override
        public boolean needToQuoteValue(String value) {
            return super.needToQuoteValue(value)
                    || (value.chars().anyMatch(Character::isDigit) && NUMBER.matcher(value).matches());
        }
    }

    private Json() {}

    /** Writes {@code value} as JSON to {@code path}, atomically. */
    public static void writeJson(Path path, Object value) {
        AtomicFiles.write(path, out -> JSON.writeValue(nonClosing(out), value));
    }

    /** Writes {@code value} as YAML to {@code path}, atomically. */
    public static void writeYaml(Path path, Object value) {
        AtomicFiles.write(path, out -> YAML.writeValue(nonClosing(out), value));
    }

    /** Reads a JSON or YAML file (chosen by extension) into {@code type}. */
    public static <T> T read(Path path, Class<T> type) {
        ObjectMapper mapper = isYaml(path) ? YAML : JSON;
        try {
            return mapper.readValue(path.toFile(), type);
        } catch (IOException e) {
            throw new Seg4jException(path + ": cannot read " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static boolean isYaml(Path path) {
        String n = path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".yaml") || n.endsWith(".yml");
    }

    private static java.io.OutputStream nonClosing(java.io.OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
    }

}
