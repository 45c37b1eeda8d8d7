import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.seg4j.metric.report.FlickerPlot;

/**
 * One chart of labelled flicker per frame pair for several {@code eval --temporal} runs on the same
 * clip (each run's {@code temporal.json}), for docs/video.md. Run from the repository root after a build:
 * {@code java -cp "seg4j-cli/target/seg4j.jar:seg4j-cli/target/lib/*" bench/video/FlickerChart.java OUT.png
 * "per-frame=DIR1/temporal.json" "EMA 0.5=DIR2/temporal.json" ...}
 */
public class FlickerChart {
    public static void main(String[] a) throws Exception {
        if (a.length < 2) {
            System.err.println("usage: FlickerChart OUT.png NAME=temporal.json [NAME=temporal.json ...]");
            System.exit(2);
        }
        FlickerPlot plot = new FlickerPlot("Labelled flicker per pair of consecutive frames",
                "pixels whose class changed while the truth did not (%)");
        for (int i = 1; i < a.length; i++) {
            int eq = a[i].indexOf('=');
            JsonNode json = new ObjectMapper().readTree(Path.of(a[i].substring(eq + 1)).toFile());
            JsonNode values = json.get("flickerPerPair");
            if (values == null) {
                throw new IllegalArgumentException(a[i] + ": no flickerPerPair (re-run eval --temporal)");
            }
            double[] v = new double[values.size()];
            for (int p = 0; p < v.length; p++) {
                v[p] = values.get(p).isNull() ? Double.NaN : values.get(p).asDouble();
            }
            plot.add(a[i].substring(0, eq), v);
        }
        plot.write(Path.of(a[0]));
        System.out.println("wrote " + a[0]);
    }
}
