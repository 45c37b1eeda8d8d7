package org.seg4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.seg4j.Seg4jException;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.ImageFiles;
import org.seg4j.data.PngFiles;
import org.seg4j.data.RgbImage;
import org.seg4j.data.Sample;
import org.seg4j.data.SegmentationDataset;
import org.seg4j.data.convert.CocoWriter;
import org.seg4j.data.convert.LabelMeWriter;
import org.seg4j.data.polygon.Region;
import org.seg4j.data.region.Felzenszwalb;
import org.seg4j.data.region.ProposalRecall;
import org.seg4j.data.region.Proposals;
import org.seg4j.data.region.RegionDrawing;
import org.seg4j.data.region.RegionPolygons;
import org.seg4j.data.region.Segments;
import org.seg4j.data.region.SelectiveSearch;
import org.seg4j.infer.FolderPrediction;
import org.seg4j.util.Json;
import org.seg4j.util.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code seg4j regions}: superpixels and region proposals of images, for annotators and for inspection. */
@Command(name = "regions", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Felzenszwalb superpixels and selective search proposals of an image (or a folder): overlay "
                + "PNGs plus LabelMe and COCO polygons that an annotation tool opens. With --data, the proposals' "
                + "recall of the ground-truth objects (best IoU per object) instead.")
final class RegionsCommand implements Callable<Integer> {

    @Option(names = "--input", description = "An image or a folder of images.")
    Path input;

    @Option(names = "--data", description = "Measure proposal recall on this labelled data set instead of --input.")
    Path data;

    @Option(names = "--layout", description = "With --data: its layout (detected when omitted).")
    String layout;

    @Option(names = "--split", defaultValue = "val", description = "With --data: the split (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--count", defaultValue = "5", description = "With --data: the first N images (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--min-object", defaultValue = "100",
            description = "With --data: objects smaller than this many pixels are not counted (default: ${DEFAULT-VALUE}).")
    int minObject;

    @Option(names = "--out", required = true, description = "Output folder.")
    Path out;

    @Option(names = "--proposals", defaultValue = "fast",
            description = "Selective search preset: single, fast or quality (default: ${DEFAULT-VALUE}).")
    String proposals;

    @Option(names = "--max-proposals", defaultValue = "-1",
            description = "Proposals kept per image (default: the preset's own, 2000 for fast).")
    int maxProposals;

    @Option(names = "--top", defaultValue = "30",
            description = "Proposals drawn and written as polygons, best-ranked first (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--scale", defaultValue = "100",
            description = "Superpixels: Felzenszwalb scale k on 0-255 (default: ${DEFAULT-VALUE}).")
    double scale;

    @Option(names = "--sigma", defaultValue = "0.8", description = "Superpixels: Gaussian smoothing (default: ${DEFAULT-VALUE}).")
    double sigma;

    @Option(names = "--min-size", defaultValue = "50",
            description = "Superpixels: smallest segment in pixels (default: ${DEFAULT-VALUE}).")
    int minSize;

    @Option(names = "--tolerance", defaultValue = "1.0",
            description = "Polygon simplification tolerance in pixels, 0 for exact outlines (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Override
    public Integer call() throws IOException {
        if ((input == null) == (data == null)) {
            throw new Seg4jException("give either --input (images to segment) or --data (proposal recall)");
        }
        if (top < 0) {
            throw new Seg4jException("--top must be at least 0, got " + top);
        }
        SelectiveSearch search = SelectiveSearch.preset(proposals, maxProposals);
        Files.createDirectories(out);
        return data != null ? recall(search) : draw(search);
    }

    private int draw(SelectiveSearch search) {
        List<Path> images = images(input);
        List<String> stems = FolderPrediction.stems(images);
        Felzenszwalb superpixels = new Felzenszwalb(scale, sigma, minSize);
        ClassMeta superClass = ClassMeta.of(new String[] {"superpixel"}, new int[][] {{255, 255, 0}}, 255);
        ClassMeta proposalClass = ClassMeta.of(new String[] {"proposal"}, new int[][] {{0, 255, 255}}, 255);
        CocoWriter cocoSuper = new CocoWriter(superClass);
        CocoWriter cocoProposals = new CocoWriter(proposalClass);
        long start = System.nanoTime();
        long totalProposals = 0;
        try (Progress bar = Progress.create(System.err, "regions", "img", images.size())) {
            for (int i = 0; i < images.size(); i++) {
                Path file = images.get(i);
                RgbImage image = ImageFiles.readUpright(file);
                String stem = stems.get(i);
                String imagePath = out.toAbsolutePath().relativize(file.toAbsolutePath()).toString();
                Segments s = superpixels.segment(image);
                PngFiles.writeRgb(out.resolve(stem + "_superpixels.png"), RegionDrawing.segmentBoundaries(image, s, 0xFFFF00));
                List<Region> sp = RegionPolygons.segments(s, 0, tolerance);
                LabelMeWriter.write(out.resolve(stem + "_superpixels.json"), sp, superClass, imagePath, image.width(),
                        image.height());
                cocoSuper.add(file.getFileName().toString(), image.width(), image.height(), sp);

                Proposals p = search.propose(image);
                totalProposals += p.size();
                PngFiles.writeRgb(out.resolve(stem + "_proposals.png"), RegionDrawing.proposalOutlines(image, p, top));
                List<Region> regions = new ArrayList<>();
                for (int k = 0; k < Math.min(top, p.size()); k++) {
                    regions.addAll(RegionPolygons.proposal(p, k, 0, tolerance));
                }
                LabelMeWriter.write(out.resolve(stem + "_proposals.json"), regions, proposalClass, imagePath,
                        image.width(), image.height());
                cocoProposals.add(file.getFileName().toString(), image.width(), image.height(), regions);
                System.err.printf(Locale.ROOT, "seg4j: %s: %d superpixels, %d proposals (%s)%n", file.getFileName(),
                        s.count(), p.size(), search.describe());
                bar.step(i + 1);
            }
        }
        cocoSuper.write(out.resolve("superpixels_coco.json"));
        cocoProposals.write(out.resolve("proposals_coco.json"));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "wrote superpixels and the top %d proposals of %d images (%.0f proposals per "
                + "image, %.2f s per image) to %s%n", top, images.size(), totalProposals / (double) images.size(),
                seconds / images.size(), out);
        return 0;
    }

    private int recall(SelectiveSearch search) {
        SegmentationDataset ds = SegmentationDataset.open(data, layout, split);
        int n = Math.min(count, ds.size());
        List<ProposalRecall.ObjectMatch> all = new ArrayList<>();
        long proposalCount = 0;
        long start = System.nanoTime();
        try (Progress bar = Progress.create(System.err, "recall", "img", n)) {
            for (int i = 0; i < n; i++) {
                Sample s = ds.load(i);
                Proposals p = search.propose(s.image());
                proposalCount += p.size();
                all.addAll(ProposalRecall.match(p, s.mask(), ds.classes().numClasses(), minObject));
                bar.step(i + 1);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double abo = all.stream().mapToDouble(ProposalRecall.ObjectMatch::bestIou).average().orElse(Double.NaN);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("data", data.toString());
        report.put("split", split);
        report.put("images", n);
        report.put("proposals", search.describe());
        report.put("proposals_per_image", proposalCount / (double) n);
        report.put("seconds_per_image", seconds / n);
        report.put("objects", all.size());
        report.put("min_object_pixels", minObject);
        report.put("average_best_overlap", abo);
        report.put("recall_at_0.5", share(all, 0.5));
        report.put("recall_at_0.7", share(all, 0.7));
        Map<String, Object> perClass = new LinkedHashMap<>();
        for (int c = 0; c < ds.classes().numClasses(); c++) {
            int cls = c;
            List<ProposalRecall.ObjectMatch> of = all.stream().filter(m -> m.classId() == cls).toList();
            if (!of.isEmpty()) {
                perClass.put(ds.classes().name(c), Map.of("objects", of.size(), "average_best_overlap",
                        of.stream().mapToDouble(ProposalRecall.ObjectMatch::bestIou).average().orElse(0)));
            }
        }
        report.put("per_class", perClass);
        Json.writeJson(out.resolve("recall.json"), report);
        System.out.printf(Locale.ROOT, "%d objects in %d images: average best overlap %.3f, recall %.3f at IoU 0.5, "
                + "%.3f at 0.7; %.0f proposals per image, %.2f s per image (%s). Report: %s%n", all.size(), n, abo,
                share(all, 0.5), share(all, 0.7), proposalCount / (double) n, seconds / n, search.describe(),
                out.resolve("recall.json"));
        return 0;
    }

    private static double share(List<ProposalRecall.ObjectMatch> all, double iou) {
        return all.isEmpty() ? Double.NaN : all.stream().filter(m -> m.bestIou() >= iou).count() / (double) all.size();
    }

    private static List<Path> images(Path input) {
        List<Path> list = FolderPrediction.listImages(input);
        if (list.isEmpty()) {
            throw new Seg4jException("--input " + input + ": no images (" + String.join(", ", ImageFiles.EXTENSIONS) + ")");
        }
        return list;
    }
}
