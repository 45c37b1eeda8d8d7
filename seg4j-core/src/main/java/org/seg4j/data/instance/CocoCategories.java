package org.seg4j.data.instance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.seg4j.Seg4jException;
import org.seg4j.data.ClassInfo;
import org.seg4j.data.ClassMeta;

/**
 * COCO categories and seg4j classes: class ids are the categories in the order of their ids
 * (COCO's ids may have gaps), with name, colour ({@code color}, else the Pascal VOC palette) and
 * {@code isthing}. Written categories get id = class id + 1, so that reading them back gives the
 * same class ids.
 */
final class CocoCategories {

    private final ClassMeta classes;
    private final Map<Integer, Integer> categoryToClass;

    private CocoCategories(ClassMeta classes, Map<Integer, Integer> categoryToClass) {
        this.classes = classes;
        this.categoryToClass = categoryToClass;
    }

    /**
     * Reads a {@code categories} list.
     *
     * @param thingByDefault the thing flag of a category without {@code isthing} (COCO instance
     *     files have none: all their categories are things)
     */
    static CocoCategories read(JsonNode categories, Path file, boolean thingByDefault) {
        if (!categories.isArray() || categories.isEmpty()) {
            throw new Seg4jException(file + ": no \"categories\" list");
        }
        List<JsonNode> cats = new ArrayList<>();
        categories.forEach(cats::add);
        cats.sort(Comparator.comparingInt(c -> c.path("id").asInt()));
        List<ClassInfo> list = new ArrayList<>();
        Map<Integer, Integer> map = new HashMap<>();
        for (JsonNode c : cats) {
            int id = c.path("id").asInt();
            int index = list.size();
            if (map.put(id, index) != null) {
                throw new Seg4jException(file + ": category id " + id + " appears twice");
            }
            JsonNode col = c.path("color");
            int[] rgb = col.isArray() && col.size() == 3
                    ? new int[] {col.get(0).asInt(), col.get(1).asInt(), col.get(2).asInt()}
                    : ClassMeta.vocColour(index);
            String name = c.path("name").asText("category_" + id).replace(' ', '_');
            list.add(new ClassInfo(index, name, rgb[0], rgb[1], rgb[2], c.path("isthing").asInt(thingByDefault ? 1 : 0) == 1));
        }
        try {
            return new CocoCategories(new ClassMeta(list, 255), map);
        } catch (IllegalArgumentException e) {
            throw new Seg4jException(file + ": " + e.getMessage(), e);
        }
    }

    ClassMeta classes() {
        return classes;
    }

    /** The class id of a category id. */
    int classOf(int categoryId, Path file, String where) {
        Integer c = categoryToClass.get(categoryId);
        if (c == null) {
            throw new Seg4jException(file + ": " + where + " has unknown category_id " + categoryId
                    + "; the categories are " + categoryToClass.keySet());
        }
        return c;
    }

    /** The {@code categories} list for a class list. */
    static ArrayNode write(ClassMeta classes) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (ClassInfo c : classes.classes()) {
            ObjectNode n = out.addObject();
            n.put("id", categoryId(c.id()));
            n.put("name", c.name());
            n.put("supercategory", c.name());
            n.put("isthing", c.isThing() ? 1 : 0);
            ArrayNode col = n.putArray("color");
            col.add(c.red()).add(c.green()).add(c.blue());
        }
        return out;
    }

    static int categoryId(int classId) {
        return classId + 1;
    }
}
