package org.seg4j.metric.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleTableTest {

    private static List<String> lines() {
        return Arrays.asList(ReportFixtures.fourClassReport().consoleTable().split("\\R"));
    }

    @Test
    void oneRowPerClassWithOneDecimalPercentages() {
        List<String> lines = lines();

        assertThat(lines.get(0)).matches("Class\\s+IoU\\s+Precision\\s+Recall\\s+F1\\s+Pixels");
        assertThat(lines).anySatisfy(l -> assertThat(l).matches("road\\s+71\\.4%\\s+83\\.3%\\s+83\\.3%\\s+83\\.3%\\s+60"));
        assertThat(lines).anySatisfy(l -> assertThat(l).matches("car\\s+66\\.7%\\s+85\\.7%\\s+75\\.0%\\s+80\\.0%\\s+40"));
        assertThat(lines).anySatisfy(l -> assertThat(l).matches("sky\\s+n/a\\s+n/a\\s+n/a\\s+n/a\\s+0"));
        assertThat(lines).anySatisfy(l -> assertThat(l).matches("tree\\s+0\\.0%\\s+0\\.0%\\s+n/a\\s+0\\.0%\\s+0"));
    }

    @Test
    void endsWithMeanRowAndSummary() {
        List<String> lines = lines();

        assertThat(lines.get(lines.size() - 2)).matches("mean\\s+46\\.0%\\s+56\\.3%\\s+79\\.2%\\s+54\\.4%\\s+100");
        assertThat(lines.get(lines.size() - 1)).isEqualTo(
                "mIoU 46.0% | pixel accuracy 80.0% | mean class accuracy 79.2% | fwIoU 69.5% | images 7");
    }

    @Test
    void tableColumnsAreAligned() {
        List<String> table = lines().subList(0, lines().size() - 1);

        // header, rule, 4 classes, rule, mean: all the same width, values right-aligned in columns
        assertThat(table).hasSize(8);
        assertThat(table).extracting(String::length).containsOnly(table.get(0).length());
        int iouEnd = table.get(0).indexOf("IoU") + "IoU".length();
        assertThat(table.get(2).charAt(iouEnd - 1)).isEqualTo('%');
        assertThat(table.get(4).substring(0, iouEnd)).endsWith("n/a");
    }
}
