package org.seg4j.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.seg4j.Seg4jException;
import org.seg4j.util.Json;

/**
 * The classes of a data set: ids, names and colours, plus how gray and palette mask files store
 * them. It is what {@code classes.yaml} holds:
 *
 * <pre>
 * ignore_index: 255
 * classes:
 *   - {id: 0, name: sky, color: [128, 128, 128]}
 *   - {id: 1, name: road, color: [128, 64, 128]}
 *   - {id: 2, name: car, color: [64, 0, 128], isthing: true}
 * </pre>
 *
 * <p>{@code isthing} (default false) marks classes with countable instances, for instance and
 * panoptic annotations and metrics (see {@code org.seg4j.data.instance}).
 *
 * <p>Ids are contiguous from 0. A gray or palette mask stores each class as its id, unless
 * {@code values} maps other stored values to it; binary masks saved as 0 and 255, for example:
 *
 * <pre>
 * values: {0: membrane, 255: cell}
 * classes:
 *   - {id: 0, name: membrane, color: [0, 0, 0]}
 *   - {id: 1, name: cell, color: [255, 255, 255]}
 * </pre>
 *
 * <p>A class named in {@code values} is stored only under the values given there (several values
 * may name one class). Void pixels are stored as {@code ignore_index} and as 255 (unless 255 is a
 * class's stored value); {@code ignore_index} defaults to 255, or to none (-1) when {@code values}
 * gives 255 to a class. Any other stored value is an error naming the file. Whatever the file
 * stores, void pixels are {@link LabelMask#IGNORE} once read.
 *
 * @param classes the classes, ordered by id
 * @param ignoreIndex the mask value that marks void pixels in the data set's files, -1 for none
 * @param values stored mask value to class name, for classes not stored as their id; empty if all are
 */
public record ClassMeta(
        @JsonProperty("classes") List<ClassInfo> classes,
        @JsonProperty("ignore_index") int ignoreIndex,
        @JsonProperty("values") @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<Integer, String> values) {

    /** File name of the class definition next to a data set. */
    public static final String FILE_NAME = "classes.yaml";

    /** The {@code ignore_index} of a file that does not give one (unless {@code values} uses it). */
    public static final int DEFAULT_IGNORE_INDEX = 255;

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
        values = canonicalValues(values, classes);
        if (ignoreIndex < -1 || ignoreIndex > 255) {
            throw new IllegalArgumentException("ignore_index must be a mask value 0..255 (or -1 for none), got "
                    + ignoreIndex);
        }
        if (values.containsKey(ignoreIndex)) {
            throw new IllegalArgumentException("ignore_index " + ignoreIndex + " is also the stored value of class "
                    + values.get(ignoreIndex) + " (values); void needs a value of its own");
        }
        if (ignoreIndex >= 0 && ignoreIndex < classes.size() && !values.containsValue(classes.get(ignoreIndex).name())) {
            throw new IllegalArgumentException(
                    "ignore_index " + ignoreIndex + " is also the id of class " + classes.get(ignoreIndex).name()
                    + (values.isEmpty() ? "; masks store each class as its id, so void needs another value"
                            + " (255 when ignore_index is left out)" : ""));
        }
    }

    /** A class list whose masks store each class as its id. */
    public ClassMeta(List<ClassInfo> classes, int ignoreIndex) {
        this(classes, ignoreIndex, Map.of());
    }

    /**
     * The file form: {@code ignore_index} may be left out (see the class comment), {@code values}
     * may name a class by name or by id.
     */
    @JsonCreator
    static ClassMeta fromFile(@JsonProperty("classes") List<ClassInfo> classes,
            @JsonProperty("ignore_index") Integer ignoreIndex, @JsonProperty("values") Map<Integer, String> values) {
        int ignore = ignoreIndex != null ? ignoreIndex
                : values != null && values.containsKey(DEFAULT_IGNORE_INDEX) ? -1 : DEFAULT_IGNORE_INDEX;
        return new ClassMeta(classes, ignore, values);
    }

    /** {@code values} checked, with each class given by its name, sorted by stored value. */
    private static Map<Integer, String> canonicalValues(Map<Integer, String> values, List<ClassInfo> classes) {
        if (values == null || values.isEmpty()) {
            return Map.of();
        }
        TreeMap<Integer, String> out = new TreeMap<>();
        for (Map.Entry<Integer, String> e : values.entrySet()) {
            Integer stored = e.getKey();
            if (stored == null || stored < 0 || stored > 255) {
                throw new IllegalArgumentException("values: stored value " + stored + " is not a mask value 0..255");
            }
            out.put(stored, classes.get(classIndex(e.getValue(), stored, classes)).name());
        }
        return Collections.unmodifiableMap(out);
    }

    private static int classIndex(String ref, int stored, List<ClassInfo> classes) {
        String r = ref == null ? "" : ref.trim();
        for (ClassInfo c : classes) {
            if (c.name().equalsIgnoreCase(r)) {
                return c.id();
            }
        }
        if (r.matches("\\d{1,3}") && Integer.parseInt(r) < classes.size()) {
            return Integer.parseInt(r);
        }
        throw new IllegalArgumentException("values: " + stored + " maps to '" + ref + "', which is not a class; the"
                + " classes are " + String.join(", ", classes.stream().map(ClassInfo::name).toList()));
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

    /** Whether class {@code id} is a thing (has instances) rather than stuff. */
    public boolean isThing(int id) {
        return classes.get(id).isThing();
    }

    /** This class list with the named classes marked as things and all others as stuff. */
    public ClassMeta withThings(java.util.Collection<String> thingNames) {
        List<ClassInfo> list = new ArrayList<>();
        for (String n : thingNames) {
            if (idOf(n) < 0) {
                throw new IllegalArgumentException("thing class '" + n + "' is not a class; the classes are "
                        + String.join(", ", names()));
            }
        }
        for (ClassInfo c : classes) {
            list.add(c.withThing(thingNames.stream().anyMatch(n -> n.equalsIgnoreCase(c.name()))));
        }
        return new ClassMeta(list, ignoreIndex, values);
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

    /**
     * How gray and palette masks map to labels: 256 entries, indexed by stored value, each a class
     * id, {@link LabelMask#IGNORE} for void, or -1 for a value that is an error.
     */
    public int[] valueTable() {
        int[] lut = new int[256];
        Arrays.fill(lut, -1);
        for (ClassInfo c : classes) {
            if (!values.containsValue(c.name())) {
                lut[c.id()] = c.id();
            }
        }
        values.forEach((stored, name) -> lut[stored] = idOf(name));
        if (lut[LabelMask.IGNORE] < 0) {
            lut[LabelMask.IGNORE] = LabelMask.IGNORE;
        }
        if (ignoreIndex >= 0) {
            lut[ignoreIndex] = LabelMask.IGNORE;
        }
        return lut;
    }

    /** The stored values of gray and palette masks, e.g. {@code membrane=0, cell=255, void=254 or 255}. */
    public String describeValues() {
        int[] lut = valueTable();
        StringJoiner classesPart = new StringJoiner(", ");
        for (ClassInfo c : classes) {
            StringJoiner stored = new StringJoiner(" or ");
            for (int v = 0; v < 256; v++) {
                if (lut[v] == c.id()) {
                    stored.add(Integer.toString(v));
                }
            }
            classesPart.add(c.name() + "=" + stored);
        }
        StringJoiner voids = new StringJoiner(" or ");
        for (int v = 0; v < 256; v++) {
            if (lut[v] == LabelMask.IGNORE) {
                voids.add(Integer.toString(v));
            }
        }
        return classesPart + ", void=" + voids;
    }

    /**
     * A {@code values:} line for {@code classes.yaml} that maps gray levels to classes when every
     * class colour is a distinct gray, else a template; for messages about masks that look misread.
     */
    public String valuesHint() {
        TreeMap<Integer, String> grays = new TreeMap<>();
        for (ClassInfo c : classes) {
            if (c.red() != c.green() || c.green() != c.blue() || grays.putIfAbsent(c.red(), c.name()) != null) {
                return "values: {STORED_VALUE: CLASS_NAME, ...}";
            }
        }
        StringJoiner j = new StringJoiner(", ", "values: {", "}");
        grays.forEach((v, name) -> j.add(v + ": " + name));
        return j.toString();
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
        } catch (Seg4jException e) {
            // a check of the class list, wrapped by Jackson: say it without the parser's details
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                if (t instanceof IllegalArgumentException) {
                    throw new Seg4jException(file + ": " + t.getMessage(), e);
                }
            }
            throw e;
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
