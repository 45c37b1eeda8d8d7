package org.seg4j.data.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.seg4j.Seg4jException;

class CocoRleTest {

    /**
     * Hand-worked: runs [3, 2, 4, 1, 2] over a 3-high, 4-wide mask in column-major order give
     * column 0 = 000, column 1 = 110, column 2 = 000, column 3 = 100, i.e. rows
     * 0101 / 0100 / 0000. pycocotools' string: runs 0..2 as themselves ('3', '2', '4'), then
     * 1 - 2 = -1 -> 31 -> 'O' and 2 - 4 = -2 -> 30 -> 'N'.
     */
    @Test
    void decodesTheCompressedStringOfAHandWorkedExample() {
        assertThat(CocoRle.decodeString("324ON")).containsExactly(3, 2, 4, 1, 2);
        boolean[] mask = CocoRle.decode(new long[] {3, 2, 4, 1, 2}, 3, 4);
        assertThat(rows(mask, 4)).isEqualTo("0101/0100/0000");
    }

    @Test
    void decodesMultiCharacterNumbers() {
        // 100 = 0b11_00100: first character 4 | 0x20 (more) -> 36 + 48 = 'T', then 3 -> '3'
        assertThat(CocoRle.decodeString("T3")).containsExactly(100);
        // from the fourth run on, values are differences to the run two before: 0 + 100
        assertThat(CocoRle.decodeString("000T3")).containsExactly(0, 0, 0, 100);
        // 22 has bit 0x10 set, so it needs a second character to stay positive: 'f' (22 | 0x20), '0'
        assertThat(CocoRle.decodeString("f011")).containsExactly(22, 1, 1);
    }

    @Test
    void refusesRunsThatDoNotFitTheMask() {
        assertThatThrownBy(() -> CocoRle.decode(new long[] {3, 20}, 3, 4))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("do not fit a 4x3 mask");
        assertThatThrownBy(() -> CocoRle.decode(new long[] {3, 2}, 3, 4))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("cover 5 pixels");
        assertThatThrownBy(() -> CocoRle.decodeString("T"))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("ends inside a number");
    }

    static String rows(boolean[] mask, int w) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < mask.length; i++) {
            if (i > 0 && i % w == 0) {
                sb.append('/');
            }
            sb.append(mask[i] ? '1' : '0');
        }
        return sb.toString();
    }

    @Test
    void encodesAsPycocotoolsDoes() {
        boolean[] mask = CocoRle.decode(new long[] {3, 2, 4, 1, 2}, 3, 4);
        assertThat(CocoRle.encode(mask, 3, 4)).containsExactly(3, 2, 4, 1, 2);
        assertThat(CocoRle.encodeString(new long[] {3, 2, 4, 1, 2})).isEqualTo("324ON");
        assertThat(CocoRle.encodeString(new long[] {0, 0, 0, 100})).isEqualTo("000T3");
        long[] runs = {0, 7, 300, 2, 1, 5000, 12};
        assertThat(CocoRle.decodeString(CocoRle.encodeString(runs))).containsExactly(runs);
    }
}
