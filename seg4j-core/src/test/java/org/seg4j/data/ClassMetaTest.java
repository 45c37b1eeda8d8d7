package org.seg4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.Seg4jException;

class ClassMetaTest {

    private static final String TWO_CLASSES = """
            classes:
              - {id: 0, name: membrane, color: [0, 0, 0]}
              - {id: 1, name: cell, color: [255, 255, 255]}
            """;

    @TempDir
    Path dir;

    private ClassMeta read(String yaml) throws IOException {
        Path file = dir.resolve(ClassMeta.FILE_NAME);
        Files.writeString(file, yaml);
        return ClassMeta.read(file);
    }

    @Test
    void absentIgnoreIndexIs255() throws IOException {
        ClassMeta meta = read(TWO_CLASSES);
        assertThat(meta.ignoreIndex()).isEqualTo(255);
        assertThat(meta.values()).isEmpty();
    }

    @Test
    void ignoreIndexThatIsAClassIdIsAClearError() throws IOException {
        assertThatThrownBy(() -> read("ignore_index: 1\n" + TWO_CLASSES))
                .isInstanceOf(Seg4jException.class)
                .hasMessage(dir.resolve(ClassMeta.FILE_NAME) + ": ignore_index 1 is also the id of class cell; masks"
                        + " store each class as its id, so void needs another value (255 when ignore_index is left out)");
    }

    @Test
    void valuesMapStoredValuesToClassesByNameOrId() throws IOException {
        ClassMeta meta = read("ignore_index: 254\nvalues: {255: Cell, 128: 0}\n" + TWO_CLASSES);
        assertThat(meta.values()).containsExactly(Map.entry(128, "membrane"), Map.entry(255, "cell"));
        int[] lut = meta.valueTable();
        assertThat(lut[128]).isEqualTo(0);
        assertThat(lut[255]).isEqualTo(1);
        assertThat(lut[254]).isEqualTo(LabelMask.IGNORE);
        // both classes are named in values, so their ids are no longer stored values
        assertThat(lut[0]).isEqualTo(-1);
        assertThat(lut[1]).isEqualTo(-1);
        assertThat(meta.describeValues()).isEqualTo("membrane=128, cell=255, void=254");
    }

    @Test
    void aClassNotNamedInValuesKeepsItsId() throws IOException {
        ClassMeta meta = read("values: {255: cell}\n" + TWO_CLASSES);
        int[] lut = meta.valueTable();
        assertThat(lut[0]).isEqualTo(0);
        assertThat(lut[255]).isEqualTo(1);
        assertThat(lut[1]).isEqualTo(-1);
        // 255 belongs to a class, so the absent ignore_index means no void value
        assertThat(meta.ignoreIndex()).isEqualTo(-1);
        assertThat(meta.describeValues()).isEqualTo("membrane=0, cell=255, void=");
    }

    @Test
    void valuesErrorsNameTheProblem() {
        assertThatThrownBy(() -> read("values: {255: nucleus}\n" + TWO_CLASSES))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("values: 255 maps to 'nucleus', which is not a class; the classes are membrane, cell");
        assertThatThrownBy(() -> read("values: {300: cell}\n" + TWO_CLASSES))
                .hasMessageContaining("values: stored value 300 is not a mask value 0..255");
        assertThatThrownBy(() -> read("ignore_index: 255\nvalues: {255: cell}\n" + TWO_CLASSES))
                .hasMessageContaining("ignore_index 255 is also the stored value of class cell");
    }

    @Test
    void writeAndReadKeepTheValues() throws IOException {
        ClassMeta meta = read("ignore_index: 254\nvalues: {255: cell}\n" + TWO_CLASSES);
        Path copy = dir.resolve("copy.yaml");
        meta.write(copy);
        assertThat(ClassMeta.read(copy)).isEqualTo(meta);
        ClassMeta plain = ClassMeta.camvid();
        plain.write(copy);
        assertThat(Files.readString(copy)).doesNotContain("values");
        assertThat(ClassMeta.read(copy)).isEqualTo(plain);
    }

    @Test
    void valuesHintUsesGrayColours() throws IOException {
        assertThat(read(TWO_CLASSES).valuesHint()).isEqualTo("values: {0: membrane, 255: cell}");
        assertThat(ClassMeta.camvid().valuesHint()).isEqualTo("values: {STORED_VALUE: CLASS_NAME, ...}");
    }
}
