package org.seg4j.spark.predict;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.seg4j.Seg4jException;
import org.seg4j.SegmentationResult;
import org.seg4j.Segmenter;
import org.seg4j.data.RgbImage;
import org.seg4j.infer.Predictor;
import org.seg4j.infer.PredictorOptions;
import org.seg4j.spark.ExecutorModels;
import org.seg4j.spark.ModelSource;

/**
 * One task of batch prediction: a predictor over the executor's model, then one row per listed file
 * ({@code path}, {@code length}). Whatever goes wrong with one image (unreadable, corrupt, too
 * large, a failed forward pass) becomes that image's error row; only a colour mask that cannot be
 * written fails the task, since that is the output's fault and not the image's.
 */
final class PredictPartition implements MapPartitionsFunction<Row, Row>, Serializable {

    private static final long serialVersionUID = 1L;

    private final ModelSource model;
    private final int threads;
    private final long maxPixels;
    private final long maxFileBytes;
    private final String inputRoot;
    private final String colorDir;

    PredictPartition(ModelSource model, int threads, long maxPixels, long maxFileBytes, String inputRoot,
            String colorDir) {
        this.model = model;
        this.threads = threads;
        this.maxPixels = maxPixels;
        this.maxFileBytes = maxFileBytes;
        this.inputRoot = inputRoot;
        this.colorDir = colorDir;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> files) {
        Configuration hadoop = new Configuration();
        List<Row> out = new ArrayList<>();
        // rows are small (a PNG mask compresses to a few KB), so a partition's rows are held and the
        // predictor is closed before they are handed to the Parquet writer
        try (Predictor predictor = ExecutorModels.predictor(model, PredictorOptions.defaults(), threads);
                Segmenter segmenter = Segmenter.of(predictor)) {
            while (files.hasNext()) {
                Row file = files.next();
                out.add(predictOne(segmenter, file.getString(0), file.getLong(1), hadoop));
            }
        }
        return out.iterator();
    }

    private Row predictOne(Segmenter segmenter, String path, long length, Configuration hadoop) {
        long t0 = System.nanoTime();
        SegmentationResult result;
        try {
            RgbImage image = ImageSource.read(path, length, maxFileBytes, maxPixels, hadoop);
            result = segmenter.segment(image);
        } catch (RuntimeException e) {
            String message = e instanceof Seg4jException ? e.getMessage() : path + ": " + e;
            return PredictionSchema.failure(path, message, (System.nanoTime() - t0) / 1_000_000);
        }
        String colorPath = colorDir == null ? null : writeColor(path, result, hadoop);
        return PredictionSchema.success(path, result, colorPath, (System.nanoTime() - t0) / 1_000_000);
    }

    /** {@code <colorDir>/<relative folder>/<name>_<ext>_color.png}, written to a temporary name, then renamed. */
    private String writeColor(String path, SegmentationResult result, Configuration hadoop) {
        String target = colorDir + "/" + colorName(inputRoot, path);
        try {
            URI uri = URI.create(target);
            org.apache.hadoop.fs.Path dst = new org.apache.hadoop.fs.Path(uri);
            org.apache.hadoop.fs.Path tmp = new org.apache.hadoop.fs.Path(dst.getParent(), "." + dst.getName() + ".tmp");
            FileSystem fs = dst.getFileSystem(hadoop);
            fs.mkdirs(dst.getParent());
            try (OutputStream os = fs.create(tmp, true)) {
                ImageIO.write(result.colorMask(), "png", os);
            }
            fs.delete(dst, false);
            if (!fs.rename(tmp, dst)) {
                throw new IOException("rename " + tmp + " to " + dst + " failed");
            }
            return dst.toString();
        } catch (IOException | IllegalArgumentException e) {
            throw new Seg4jException(target + ": cannot write the colour mask (" + e.getMessage() + ")", e);
        }
    }

    /** The colour mask's path under the colour folder: the input's relative path, extension joined by {@code _}. */
    static String colorName(String inputRoot, String path) {
        String root = inputRoot.endsWith("/") ? inputRoot : inputRoot + "/";
        String rel = path.startsWith(root) ? path.substring(root.length()) : path.substring(path.lastIndexOf('/') + 1);
        int slash = rel.lastIndexOf('/');
        String name = rel.substring(slash + 1).replace('.', '_');
        return rel.substring(0, slash + 1) + name + "_color.png";
    }
}
