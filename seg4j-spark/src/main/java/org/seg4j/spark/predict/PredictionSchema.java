package org.seg4j.spark.predict;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.seg4j.SegmentationResult;
import org.seg4j.infer.Images;

/**
 * The Parquet rows of batch prediction, one per image file:
 *
 * <ul>
 *   <li>{@code path} (string): the file as Spark listed it;
 *   <li>{@code width}, {@code height} (int): the image's size, upright (EXIF orientation applied);
 *   <li>{@code shares} (map string to double): each class's share of the pixels, in class order;
 *   <li>{@code mask} (binary): the class-id mask as an 8-bit gray PNG, the size of the image;
 *   <li>{@code color_path} (string): where the colour mask was written, when asked for;
 *   <li>{@code millis} (long): time spent on the image (read, predict, encode);
 *   <li>{@code error} (string): why the image failed; every other column but {@code path} and
 *       {@code millis} is then null.
 * </ul>
 */
public final class PredictionSchema {

    /** The schema of the rows. */
    public static final StructType SCHEMA = new StructType()
            .add("path", DataTypes.StringType, false)
            .add("width", DataTypes.IntegerType, true)
            .add("height", DataTypes.IntegerType, true)
            .add("shares", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType), true)
            .add("mask", DataTypes.BinaryType, true)
            .add("color_path", DataTypes.StringType, true)
            .add("millis", DataTypes.LongType, false)
            .add("error", DataTypes.StringType, true);

    private PredictionSchema() {}

    static Row success(String path, SegmentationResult result, String colorPath, long millis) {
        Map<String, Double> shares = new LinkedHashMap<>(result.shares());
        byte[] png = Images.encodePng(result.indexMask());
        return RowFactory.create(path, result.mask().width(), result.mask().height(),
                scala.jdk.javaapi.CollectionConverters.asScala(shares), png, colorPath, millis, null);
    }

    static Row failure(String path, String error, long millis) {
        return RowFactory.create(path, null, null, null, null, null, millis, error);
    }
}
