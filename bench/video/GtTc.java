import java.awt.image.BufferedImage;
import java.nio.file.*;
import java.util.*;
import javax.imageio.ImageIO;
import org.seg4j.data.*;
import org.seg4j.metric.video.*;
import org.seg4j.opencv.FarnebackFlow;

/**
 * TC of the CamVid val ground truth (void kept as class 11) with Farneback flow and with zero flow,
 * and the time of the flow per frame pair. Run from the repository root after a build:
 * {@code java -cp "seg4j-cli/target/seg4j.jar:seg4j-cli/target/lib/*" bench/video/GtTc.java ../shared/data/camvid}
 */
public class GtTc {
    static LabelMask raw(Path p) throws Exception {
        BufferedImage img = ImageIO.read(p.toFile());
        int w = img.getWidth(), h = img.getHeight();
        byte[] d = new byte[w * h];
        var r = img.getRaster();
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) d[y * w + x] = (byte) r.getSample(x, y, 0);
        return new LabelMask(w, h, d);
    }
    public static void main(String[] a) throws Exception {
        Path root = Path.of(a[0]);
        List<Path> frames = new ArrayList<>();
        try (var s = Files.list(root.resolve("val"))) { s.sorted().forEach(frames::add); }
        FarnebackFlow flow = FarnebackFlow.defaults();
        TemporalConsistency withFlow = new TemporalConsistency(12), noFlow = new TemporalConsistency(12);
        long nanos = 0;
        RgbImage prev = null; LabelMask prevMask = null;
        for (Path f : frames) {
            RgbImage img = ImageFiles.read(f);
            LabelMask m = raw(root.resolve("valannot").resolve(f.getFileName()));
            if (prev != null) {
                long t = System.nanoTime();
                FlowField ff = flow.estimate(prev, img);
                nanos += System.nanoTime() - t;
                withFlow.add(prevMask, m, ff);
                noFlow.add(prevMask, m, FlowField.constant(img.width(), img.height(), 0, 0));
            }
            prev = img; prevMask = m;
        }
        System.out.printf(Locale.ROOT, "%s, %dx%d, %d pairs: ground-truth TC %.4f with flow (coverage %.3f), %.4f with zero flow; flow %.1f ms per pair%n",
                flow.describe(), prev.width(), prev.height(), withFlow.pairs(), withFlow.tc(), withFlow.coverage(), noFlow.tc(), nanos / 1e6 / withFlow.pairs());
    }
}
