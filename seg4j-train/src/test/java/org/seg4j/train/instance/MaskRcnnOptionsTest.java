package org.seg4j.train.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.seg4j.Seg4jException;
import org.seg4j.model.instance.maskrcnn.MaskRcnnConfig;
import org.junit.jupiter.api.Test;

class MaskRcnnOptionsTest {

    @Test
    void proposalCountsTakeTrainAndTestOrOneForBoth() {
        MaskRcnnConfig c = MaskRcnnOptions.config(1, 0, Map.of("rpn_pre_nms", "1000,600", "rpn_post_nms", "400",
                "detections_per_image", "250"));
        assertThat(c.rpnPreNms(true)).isEqualTo(1000);
        assertThat(c.rpnPreNms(false)).isEqualTo(600);
        assertThat(c.rpnPostNms(true)).isEqualTo(400);
        assertThat(c.rpnPostNms(false)).isEqualTo(400);
        assertThat(c.detectionsPerImage()).isEqualTo(250);
    }

    @Test
    void defaultsAreTheCpuScaledOnes() {
        MaskRcnnConfig c = MaskRcnnOptions.config(2, 0, Map.of());
        assertThat(c.rpnPreNms(true)).isEqualTo(500);
        assertThat(c.rpnPostNms(false)).isEqualTo(125);
        assertThat(c.detectionsPerImage()).isEqualTo(100);
    }

    @Test
    void badValuesNameTheOption() {
        assertThatThrownBy(() -> MaskRcnnOptions.config(1, 0, Map.of("rpn_post_nms", "1,2,3")))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("rpn_post_nms")
                .hasMessageContaining("TRAIN,TEST");
        assertThatThrownBy(() -> MaskRcnnOptions.config(1, 0, Map.of("rpn_pre_nms", "many")))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("rpn_pre_nms");
        assertThatThrownBy(() -> MaskRcnnOptions.config(1, 0, Map.of("rpn_nms", "0.5")))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("rpn_post_nms");
    }
}
