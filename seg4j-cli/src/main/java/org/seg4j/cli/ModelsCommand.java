package org.seg4j.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.seg4j.Seg4jException;
import org.seg4j.bench.InferenceBenchmark;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelRegistry;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.ModelStats;
import org.seg4j.model.encoder.Encoders;
import org.seg4j.model.instance.maskrcnn.MaskRcnnDirectory;
import org.seg4j.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code seg4j models}: every registered architecture with its default and accepted encoders, its
 * parameter count and GFLOPs at a stated input size, optionally its measured CPU inference speed.
 * Rows are computed one model at a time (and printed as they come in text format).
 */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List the registered architectures: default encoder, accepted encoders, parameters and "
                + "GFLOPs (2 x multiply-adds) for one image at --size; --bench also measures CPU inference "
                + "images/s (batch 1, PyTorch threads as configured, e.g. OMP_NUM_THREADS); --options lists "
                + "each architecture's options (names, types, defaults) instead.")
final class ModelsCommand implements Callable<Integer> {

    /** Output formats. */
    enum Format { TEXT, JSON }

    @Parameters(arity = "0..*", paramLabel = "MODEL", description = "Only these architectures (default: all).")
    List<String> names = new ArrayList<>();

    @Option(names = "--size", defaultValue = "360x480",
            description = "Input size HxW for GFLOPs and --bench (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--classes", defaultValue = "11", description = "Number of classes (default: ${DEFAULT-VALUE}).")
    int classes;

    @Option(names = "--encoder",
            description = "Use this encoder instead of each model's default (without MODEL names: only the models "
                    + "that accept it).")
    String encoder;

    @Option(names = "--width", defaultValue = "0",
            description = "Base channel width (default: each encoder's standard width).")
    int width;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--options", description = "List the options of each model (with its default encoder, or "
            + "--encoder) instead of measuring it.")
    boolean options;

    @Option(names = "--model-option", paramLabel = "KEY=VALUE",
            description = "Count (and --bench) the models with this option, e.g. output_stride=8; repeatable.")
    Map<String, String> modelOptions = new LinkedHashMap<>();

    @Option(names = "--bench", description = "Also measure CPU inference images/s at --size (batch 1).")
    boolean bench;

    @Option(names = "--runs", defaultValue = "5", description = "Timed passes per model for --bench; the median "
            + "is reported (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--warmup", defaultValue = "2",
            description = "Untimed warm-up passes per model for --bench (default: ${DEFAULT-VALUE}).")
    int warmup;

    /** One line of the listing. */
    record Row(ModelRegistry.Entry entry, String encoder, ModelStats.Summary stats, Double imagesPerSecond) {}

    @Override
    public Integer call() throws JsonProcessingException {
        int[] hw = parseSize(size);
        if (classes < 1) {
            throw new Seg4jException("--classes must be at least 1, got " + classes);
        }
        boolean maskRcnn = encoder == null && (names.isEmpty() || names.contains(MaskRcnnDirectory.ARCHITECTURE));
        boolean onlyMaskRcnn = !names.isEmpty() && names.stream().allMatch(MaskRcnnDirectory.ARCHITECTURE::equals);
        names.removeIf(MaskRcnnDirectory.ARCHITECTURE::equals);
        List<ModelRegistry.Entry> entries = onlyMaskRcnn ? List.of() : selected();
        if (options) {
            listOptions(entries);
            return 0;
        }
        ModelsTable table = new ModelsTable(entries, hw[0], hw[1], classes, bench);
        if (format == Format.TEXT) {
            System.out.print(table.header());
        }
        List<Row> rows = new ArrayList<>();
        for (ModelRegistry.Entry entry : entries) {
            Row row = measure(entry, hw[0], hw[1]);
            rows.add(row);
            if (format == Format.TEXT) {
                System.out.print(table.line(row));
                System.out.flush();
            }
        }
        List<Map<String, Object>> json = new ArrayList<>(rows.stream().map(r -> json(r, hw)).toList());
        if (maskRcnn) {
            ModelStats.Summary stats = MaskRcnnRuns.stats(classes, hw[0], hw[1]);
            if (format == Format.TEXT) {
                System.out.print(table.line(MaskRcnnDirectory.ARCHITECTURE, "resnet18", stats, null,
                        List.of("resnet18 (built in)")));
                System.out.println("mask-rcnn: --task instance; its classes are the thing classes, background "
                        + "excluded; GFLOPs count the backbone, FPN and RPN at the padded size plus the box and mask "
                        + "heads for one region (each further region adds the heads' cost again)");
            } else {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("name", MaskRcnnDirectory.ARCHITECTURE);
                o.put("description", "Mask R-CNN (top-down instance segmentation), --task instance");
                o.put("encoder", "resnet18");
                o.put("params", stats.parameters());
                o.put("gflops", stats.gflops());
                o.put("input", Map.of("height", hw[0], "width", hw[1]));
                json.add(o);
            }
        }
        if (format == Format.JSON) {
            System.out.println(Json.JSON.writeValueAsString(json));
        }
        return 0;
    }

    private void listOptions(List<ModelRegistry.Entry> entries) throws JsonProcessingException {
        List<Map<String, Object>> json = new ArrayList<>();
        for (ModelRegistry.Entry entry : entries) {
            String enc = ModelRegistry.acceptedEncoder(entry, encoder == null ? null : encoder.toLowerCase(Locale.ROOT));
            if (format == Format.TEXT) {
                System.out.print(ModelOptionsListing.text(entry.name(), enc));
            } else {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("name", entry.name());
                o.put("encoder", enc);
                o.put("options", ModelOptionsListing.json(entry.name(), enc));
                json.add(o);
            }
        }
        if (format == Format.JSON) {
            System.out.println(Json.JSON.writeValueAsString(json));
        }
    }

    private List<ModelRegistry.Entry> selected() {
        if (!names.isEmpty()) {
            return names.stream().map(ModelRegistry::entry).toList();
        }
        List<ModelRegistry.Entry> all = ModelRegistry.entries();
        if (encoder == null) {
            return all;
        }
        List<ModelRegistry.Entry> accepting = all.stream()
                .filter(e -> e.encoders().contains(encoder.toLowerCase(Locale.ROOT)))
                .toList();
        if (accepting.isEmpty()) {
            throw new Seg4jException("no registered model accepts encoder '" + encoder + "'; encoders: "
                    + String.join(", ", Encoders.names()));
        }
        return accepting;
    }

    private Row measure(ModelRegistry.Entry entry, int height, int width) {
        String enc = encoder == null ? entry.defaultEncoder() : encoder.toLowerCase(Locale.ROOT);
        // a pretrained architecture has its own class count
        ModelSpec spec = new ModelSpec(entry.name(), enc, entry.classes() > 0 ? entry.classes() : classes, this.width,
                modelOptions);
        ModelStats.Summary stats = ModelStats.summary(spec, height, width);
        Double speed = null;
        if (bench) {
            Block model = ModelRegistry.create(spec);
            try (NDManager manager = NDManager.newBaseManager()) {
                ModelDirectory.initialize(model, manager, height, width);
                speed = InferenceBenchmark.run(model, manager, height, width, warmup, runs).imagesPerSecond();
            }
        }
        return new Row(entry, enc, stats, speed);
    }

    private static int[] parseSize(String text) {
        try {
            int[] hw = TrainCommand.parseSize(text);
            if (hw[0] > 0 && hw[1] > 0) {
                return hw;
            }
        } catch (Seg4jException e) {
            // reported below with this option's name
        }
        throw new Seg4jException("--size must be HxW (e.g. 360x480) or one number, got '" + text + "'");
    }

    private static Map<String, Object> json(Row r, int[] hw) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("name", r.entry().name());
        o.put("description", r.entry().description());
        o.put("encoder", r.encoder());
        o.put("encoders", r.entry().encoders());
        o.put("params", r.stats().parameters());
        o.put("gflops", r.stats().gflops());
        o.put("input", Map.of("height", hw[0], "width", hw[1]));
        if (r.imagesPerSecond() != null) {
            o.put("images_per_second", r.imagesPerSecond());
        }
        return o;
    }
}
