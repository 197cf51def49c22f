package org.iotevent.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.iotevent.io.JsonInput;

/** Reads checked fields of a JSON object, naming the source and the JSON path in every error. */
final class JsonFields {
    private final String source;
    private final String path;
    private final JsonNode node;

    JsonFields(String source, String path, JsonNode node) throws ModelFormatException {
        this.source = source;
        this.path = path;
        this.node = node;
        if (node == null || !node.isObject()) {
            throw error("expected a JSON object, found " + kind(node));
        }
    }

    /** Parses {@code json} within {@link JsonInput}'s limits; an error names {@code source}, the line and the column. */
    static JsonNode readTree(byte[] json, String source) throws ModelFormatException {
        try {
            return JsonInput.parseJson(json, source);
        } catch (JsonInput.Problem e) {
            String m = e.getMessage();
            throw new ModelFormatException(source, "", m.startsWith(source + ": ") ? m.substring(source.length() + 2) : m);
        }
    }

    ModelFormatException error(String message) {
        return new ModelFormatException(source, path, message);
    }

    private ModelFormatException fieldError(String field, String message) {
        return new ModelFormatException(source, child(field), message);
    }

    String child(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    /** Refuses keys outside {@code allowed}, so a misspelt key is not silently ignored. */
    void onlyKeys(Set<String> allowed) throws ModelFormatException {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw fieldError(key, "unknown key; expected one of " + new java.util.TreeSet<>(allowed));
            }
        }
    }

    boolean has(String field) {
        return node.has(field) && !node.get(field).isNull();
    }

    String string(String field) throws ModelFormatException {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw fieldError(field, "expected a string, found " + kind(v));
        }
        return v.asText();
    }

    String string(String field, String fallback) throws ModelFormatException {
        return has(field) ? string(field) : fallback;
    }

    boolean bool(String field, boolean fallback) throws ModelFormatException {
        if (!has(field)) {
            return fallback;
        }
        JsonNode v = node.get(field);
        if (!v.isBoolean()) {
            throw fieldError(field, "expected true or false, found " + kind(v));
        }
        return v.asBoolean();
    }

    double number(String field, double min, double max) throws ModelFormatException {
        JsonNode v = node.get(field);
        if (v == null || !v.isNumber()) {
            throw fieldError(field, "expected a number in [" + min + ", " + max + "], found " + kind(v));
        }
        double d = v.asDouble();
        if (!(d >= min && d <= max)) {
            throw fieldError(field, "expected a number in [" + min + ", " + max + "], found " + v);
        }
        return d;
    }

    double number(String field, double min, double max, double fallback) throws ModelFormatException {
        return has(field) ? number(field, min, max) : fallback;
    }

    int integer(String field, int min, int max) throws ModelFormatException {
        JsonNode v = node.get(field);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min || v.asInt() > max) {
            throw fieldError(field, "expected an integer in [" + min + ", " + max + "], found " + kind(v));
        }
        return v.asInt();
    }

    int integer(String field, int min, int max, int fallback) throws ModelFormatException {
        return has(field) ? integer(field, min, max) : fallback;
    }

    /** The array {@code field} as a list of its elements (empty when absent and {@code required} is false). */
    List<JsonNode> array(String field, boolean required) throws ModelFormatException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw fieldError(field, "missing; expected an array");
            }
            return List.of();
        }
        if (!v.isArray()) {
            throw fieldError(field, "expected an array, found " + kind(v));
        }
        List<JsonNode> out = new ArrayList<>();
        v.forEach(out::add);
        return out;
    }

    /** The object {@code field}, checked. */
    JsonFields object(String field) throws ModelFormatException {
        return new JsonFields(source, child(field), node.get(field));
    }

    /** Element {@code i} of array {@code field}, checked to be an object. */
    JsonFields element(String field, int i, JsonNode element) throws ModelFormatException {
        return new JsonFields(source, child(field) + "[" + i + "]", element);
    }

    String source() {
        return source;
    }

    static String kind(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "nothing";
        }
        String text = v.toString();
        return v.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " "
                + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
    }
}
