package org.seg4j.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.seg4j.Seg4jException;
import org.seg4j.util.Json;

/**
 * The classes of a data set: ids, names and colours, plus the value that marks void pixels in the
 * data set's mask files. It is what {@code classes.yaml} holds:
 *
 * <pre>
 * ignore_index: 255
 * classes:
 *   - {id: 0, name: sky, color: [128, 128, 128]}
 *   - {id: 1, name: road, color: [128, 64, 128]}
 * </pre>
 *
 * <p>Ids are contiguous from 0. Whatever {@code ignore_index} is in the files, void pixels are
 * {@link LabelMask#IGNORE} once read.
 *
 * @param classes the classes, ordered by id
 * @param ignoreIndex the mask value that marks void pixels in the data set's files
 */
public record ClassMeta(
        @JsonProperty("classes") List<ClassInfo> classes, @JsonProperty("ignore_index") int ignoreIndex) {

    /** File name of the class definition next to a data set. */
    public static final String FILE_NAME = "classes.yaml";

    @JsonCreator
    public ClassMeta {
        if (classes == null || classes.isEmpty()) {
            throw new IllegalArgumentException("a class list needs at least one class");
        }
        classes = List.copyOf(classes);
        for (int i = 0; i < classes.size(); i++) {
            if (classes.get(i).id() != i) {
                throw new IllegalArgumentException("class ids must be 0.." + (classes.size() - 1)
                        + " in order; position " + i + " has id " + classes.get(i).id());
            }
        }
        if (ignoreIndex >= 0 && ignoreIndex < classes.size()) {
            throw new IllegalArgumentException(
                    "ignore_index " + ignoreIndex + " is also the id of class " + classes.get(ignoreIndex).name());
        }
    }

    /** Number of classes (void not counted). */
    @JsonIgnore
    public int numClasses() {
        return classes.size();
    }

    /** Name of class {@code id}. */
    public String name(int id) {
        return classes.get(id).name();
    }

    /** Colours packed as {@code 0xRRGGBB}, indexed by class id. */
    @JsonIgnore
    public int[] palette() {
        return classes.stream().mapToInt(ClassInfo::rgb).toArray();
    }

    /** Class names indexed by id. */
    @JsonIgnore
    public List<String> names() {
        return classes.stream().map(ClassInfo::name).toList();
    }

    /** The id of the class with this name (case-insensitive), or -1. */
    public int idOf(String name) {
        for (ClassInfo c : classes) {
            if (c.name().equalsIgnoreCase(name)) {
                return c.id();
            }
        }
        return -1;
    }

    /** Reads a {@code classes.yaml} (or JSON) file. */
    public static ClassMeta read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new Seg4jException(file + ": class definition file not found");
        }
        try {
            return Json.read(file, ClassMeta.class);
        } catch (IllegalArgumentException e) {
            throw new Seg4jException(file + ": " + e.getMessage(), e);
        }
    }

    /** Writes this class list as YAML, atomically. */
    public void write(Path file) {
        Json.writeYaml(file, this);
    }

    /** CamVid's 11 classes (SegNet split); mask value 11 is void. */
    public static ClassMeta camvid() {
        String[] names = {"sky", "building", "pole", "road", "pavement", "tree", "sign_symbol", "fence", "car",
            "pedestrian", "bicyclist"};
        int[][] colours = {{128, 128, 128}, {128, 0, 0}, {192, 192, 128}, {128, 64, 128}, {60, 40, 222},
            {128, 128, 0}, {192, 128, 128}, {64, 64, 128}, {64, 0, 128}, {64, 64, 0}, {0, 128, 192}};
        return of(names, colours, 11);
    }

    /** Pascal VOC 2012's 21 classes with the standard palette; 255 is void. */
    public static ClassMeta voc() {
        String[] names = {"background", "aeroplane", "bicycle", "bird", "boat", "bottle", "bus", "car", "cat",
            "chair", "cow", "diningtable", "dog", "horse", "motorbike", "person", "pottedplant", "sheep", "sofa",
            "train", "tvmonitor"};
        int[][] colours = new int[names.length][];
        for (int i = 0; i < names.length; i++) {
            colours[i] = vocColour(i);
        }
        return of(names, colours, 255);
    }

    /** Colour of index {@code i} in the Pascal VOC palette (bit-interleaved). */
    public static int[] vocColour(int i) {
        int r = 0;
        int g = 0;
        int b = 0;
        int c = i;
        for (int j = 0; j < 8; j++) {
            r |= ((c >> 0) & 1) << (7 - j);
            g |= ((c >> 1) & 1) << (7 - j);
            b |= ((c >> 2) & 1) << (7 - j);
            c >>= 3;
        }
        return new int[] {r, g, b};
    }

    /** A class list from parallel arrays of names and {@code [r, g, b]} colours. */
    public static ClassMeta of(String[] names, int[][] colours, int ignoreIndex) {
        List<ClassInfo> list = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            list.add(new ClassInfo(i, names[i].toLowerCase(Locale.ROOT), colours[i][0], colours[i][1], colours[i][2]));
        }
        return new ClassMeta(list, ignoreIndex);
    }
}
