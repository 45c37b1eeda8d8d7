package org.seg4j.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void textThatLooksLikeANumberReadsBackAsText() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("groups", List.of("0016E5", "0001TP", "12", "1.5", "-3e2", "plain", "E5"));
        m.put("count", 3);
        m.put("rate", 0.5);
        String yaml = Json.YAML.writeValueAsString(m);
        assertThat(yaml).contains("\"0016E5\"").contains("- 0001TP").contains("- plain").contains("count: 3");
        @SuppressWarnings("unchecked")
        Map<String, Object> back = Json.YAML.readValue(yaml, Map.class);
        assertThat(back).isEqualTo(m);
    }
}
