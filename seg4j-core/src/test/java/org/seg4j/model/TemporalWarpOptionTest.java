package org.seg4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seg4j.Seg4jException;
import org.seg4j.util.Json;

/** The model option temporal_warp: declared, checked, kept through model.json, dropped from the per-frame spec. */
class TemporalWarpOptionTest {

    @Test
    void declaredCheckedAndRoundTripped() throws Exception {
        assertThat(ModelOptions.declared("fastscnn", "").stream().map(ModelOption::name)).contains(TemporalOptions.WARP);
        ModelSpec base = new ModelSpec("fastscnn", "", 3, 8, Map.of("blocks", "1"));
        ModelSpec memory = TemporalOptions.withMemory(base, 4);
        assertThat(TemporalOptions.warpsWithFlow(memory)).isFalse();

        java.util.TreeMap<String, String> options = new java.util.TreeMap<>(memory.options());
        options.put(TemporalOptions.WARP, "flow");
        ModelSpec warped = new ModelSpec("fastscnn", "", 3, 8, options);
        ModelSpec back = Json.JSON.readValue(Json.JSON.writeValueAsString(warped), ModelSpec.class);
        assertThat(back.options()).containsEntry(TemporalOptions.WARP, "flow");
        assertThat(TemporalOptions.warpsWithFlow(back)).isTrue();
        assertThat(TemporalOptions.perFrame(back).options()).containsExactly(Map.entry("blocks", "1"));

        assertThatThrownBy(() -> ModelRegistry.create(new ModelSpec("fastscnn", "", 3, 8,
                        Map.of("blocks", "1", TemporalOptions.WARP, "flow"))))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("temporal_warp")
                .hasMessageContaining("temporal model");
        options.put(TemporalOptions.WARP, "optical");
        assertThatThrownBy(() -> ModelRegistry.create(new ModelSpec("fastscnn", "", 3, 8, options)))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("temporal_warp");
    }
}
