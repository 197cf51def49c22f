package org.iotevent.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;

/**
 * An {@link Evaluation} as JSON: {@code accuracy}, {@code per_event} (label to {@code precision},
 * {@code recall}, {@code support}; null where undefined), {@code confusion} (actual label to
 * predicted label to count), {@code accuracy_by_k} (k to accuracy), {@code k}, and the counts
 * {@code tp}, {@code tn}, {@code fp}, {@code fn}, {@code repeats}, {@code seed}, {@code samples},
 * {@code tested_per_repeat}. Fractions in [0, 1].
 */
public final class EvaluationJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EvaluationJson() {}

    /** The JSON tree; {@code about} adds descriptive fields (input, classifier) at the top. */
    public static ObjectNode toJson(Evaluation e, java.util.Map<String, String> about) {
        ObjectNode root = JSON.createObjectNode();
        about.forEach(root::put);
        root.put("accuracy", e.accuracy());
        ObjectNode perEvent = root.putObject("per_event");
        e.perEvent().forEach((label, pr) -> {
            ObjectNode o = perEvent.putObject(label);
            putFraction(o, "precision", pr.precision());
            putFraction(o, "recall", pr.recall());
            o.put("support", pr.support());
        });
        ObjectNode confusion = root.putObject("confusion");
        e.confusion().forEach((actual, row) -> {
            ObjectNode o = confusion.putObject(actual);
            row.forEach(o::put);
        });
        ObjectNode byK = root.putObject("accuracy_by_k");
        e.accuracyByK().forEach((k, acc) -> byK.put(Integer.toString(k), acc));
        root.put("k", e.k());
        root.put("tp", e.truePositives());
        root.put("tn", e.trueNegatives());
        root.put("fp", e.falsePositives());
        root.put("fn", e.falseNegatives());
        root.put("repeats", e.repeats());
        root.put("seed", e.seed());
        root.put("samples", e.samples());
        root.put("tested_per_repeat", e.testedPerRepeat());
        return root;
    }

    private static void putFraction(ObjectNode o, String key, double v) {
        if (Double.isNaN(v)) {
            o.putNull(key);
        } else {
            o.put(key, v);
        }
    }

    /** Writes the tree, indented, to {@code out} (not closed). */
    public static void write(ObjectNode json, OutputStream out) throws IOException {
        out.write(JSON.writeValueAsBytes(json));
        out.write('\n');
    }
}
