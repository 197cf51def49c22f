package org.iotevent.evaluate.defence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.iotevent.evaluate.leakage.Estimate;
import org.iotevent.evaluate.leakage.LeakageJson;
import org.iotevent.io.JsonInput;

/**
 * The JSON of a defence evaluation ({@code iotevent defend --json}), read back by {@code iotevent
 * report --defences}: {@code format} {@value #FORMAT}, {@code version} {@value #VERSION},
 * {@code device}, {@code capture}, {@code events}, {@code attack}, {@code seed}, {@code baseline} and
 * {@code defences}, each result with {@code defence}, {@code setting}, {@code accuracy} (null when
 * not measurable), {@code event_recall} (null when none), {@code majority_share}, {@code bursts},
 * {@code extra_bytes_percent}, {@code extra_packets}, {@code added_latency_ms}, and when measured
 * {@code leakage_bits}, {@code leakage_ci95} ([low, high], null when unknown), {@code event_entropy_bits}
 * and {@code best_accuracy_bound} (files without them read as not measured).
 */
public final class DefenceFile {
    /** The format name in every file. */
    public static final String FORMAT = "iotevent-defences";
    /** The only version this build reads and writes. */
    public static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DefenceFile() {}

    /** The evaluation as JSON text. */
    public static String toJson(DefenceEvaluation e) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT).put("version", VERSION).put("device", e.device()).put("capture", e.capture())
                .put("events", e.events()).put("attack", e.attack()).put("seed", e.seed());
        root.set("baseline", result(e.baseline()));
        var list = root.putArray("defences");
        e.results().forEach(r -> list.add(result(r)));
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (IOException x) {
            throw new IllegalStateException("a JSON tree always serialises", x);
        }
    }

    private static ObjectNode result(DefenceResult r) {
        ObjectNode o = JSON.createObjectNode().put("defence", r.defence()).put("setting", r.setting());
        number(o, "accuracy", r.accuracy());
        number(o, "events_read", r.eventsRead());
        number(o, "false_alarm_rate", r.falseAlarmRate());
        o.put("majority_share", r.majorityShare()).put("bursts", r.bursts())
                .put("extra_bytes_percent", r.extraBytesPercent()).put("extra_packets", r.extraPackets())
                .put("added_latency_ms", r.addedLatencyMillis());
        DefenceResult.Leakage l = r.leakage();
        if (l != null) {
            LeakageJson.putEstimate(o, "leakage_bits", "leakage_ci95", l.bits());
            number(o, "event_entropy_bits", l.entropyBits());
            number(o, "best_accuracy_bound", l.bestAccuracy());
            LeakageJson.putEstimate(o, "events_leakage_bits", "events_leakage_ci95", l.eventBits());
            number(o, "events_entropy_bits", l.eventEntropyBits());
        }
        return o;
    }

    private static void number(ObjectNode o, String key, double v) {
        if (Double.isNaN(v)) {
            o.putNull(key);
        } else {
            o.put(key, v);
        }
    }

    /**
     * Reads a file {@link #toJson} wrote.
     *
     * @throws DefenceFormatException naming the file and the field when it is not such a file
     * @throws IOException when it cannot be read
     */
    public static DefenceEvaluation read(Path file) throws IOException {
        JsonNode root;
        try {
            root = JsonInput.readJson(file, JsonInput.MAX_BYTES);
        } catch (JsonInput.Problem e) {
            throw new DefenceFormatException(e.getMessage());
        }
        String where = file.toString();
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText(null))) {
            throw new DefenceFormatException(where + ": not a defence evaluation (expected \"format\": \"" + FORMAT
                    + "\", written by iotevent defend --json)");
        }
        if (root.path("version").asInt(-1) != VERSION) {
            throw new DefenceFormatException(where + ": version " + root.path("version") + " is not supported (expected "
                    + VERSION + ")");
        }
        List<DefenceResult> results = new ArrayList<>();
        JsonNode list = field(root, "defences", where);
        if (!list.isArray()) {
            throw new DefenceFormatException(where + ": \"defences\" must be an array");
        }
        for (int i = 0; i < list.size(); i++) {
            results.add(result(list.get(i), where + ": defences[" + i + "]"));
        }
        try {
            return new DefenceEvaluation(text(root, "device", where), text(root, "capture", where),
                    text(root, "events", where), text(root, "attack", where), integer(root, "seed", where),
                    result(field(root, "baseline", where), where + ": baseline"), results);
        } catch (IllegalArgumentException e) {
            throw new DefenceFormatException(where + ": " + e.getMessage());
        }
    }

    private static DefenceResult result(JsonNode o, String where) throws DefenceFormatException {
        try {
            return new DefenceResult(text(o, "defence", where), text(o, "setting", where), fraction(o, "accuracy", where),
                    // files written before events_read named it event_recall (then a share of all event bursts)
                    fraction(o, o.has("events_read") ? "events_read" : "event_recall", where),
                    o.has("false_alarm_rate") ? fraction(o, "false_alarm_rate", where) : Double.NaN,
                    real(o, "majority_share", where),
                    (int) integer(o, "bursts", where), real(o, "extra_bytes_percent", where),
                    integer(o, "extra_packets", where), real(o, "added_latency_ms", where), leakage(o, where));
        } catch (IllegalArgumentException e) {
            throw new DefenceFormatException(where + ": " + e.getMessage());
        }
    }

    /** The leakage figures, or null when the result has none (files written before they existed). */
    private static DefenceResult.Leakage leakage(JsonNode o, String where) throws DefenceFormatException {
        if (!o.has("leakage_bits")) {
            return null;
        }
        Estimate events = bits(o, "events_leakage_bits", "events_leakage_ci95", where);
        return new DefenceResult.Leakage(bits(o, "leakage_bits", "leakage_ci95", where),
                fraction(o, "event_entropy_bits", where), fraction(o, "best_accuracy_bound", where),
                Double.isNaN(events.value()) ? null : events, fraction(o, "events_entropy_bits", where));
    }

    /** Bits and their interval; NaN where null. */
    private static Estimate bits(JsonNode o, String key, String ciKey, String where) throws DefenceFormatException {
        field(o, key, where);
        field(o, ciKey, where);
        try {
            return LeakageJson.readEstimate(o, key, ciKey);
        } catch (IllegalArgumentException e) {
            throw new DefenceFormatException(where + ": " + e.getMessage());
        }
    }

    private static JsonNode field(JsonNode o, String key, String where) throws DefenceFormatException {
        JsonNode v = o.get(key);
        if (v == null) {
            throw new DefenceFormatException(where + ": missing \"" + key + "\"");
        }
        return v;
    }

    private static String text(JsonNode o, String key, String where) throws DefenceFormatException {
        JsonNode v = field(o, key, where);
        if (!v.isTextual()) {
            throw new DefenceFormatException(where + ": \"" + key + "\" must be a string, found " + v.getNodeType());
        }
        return v.asText();
    }

    private static long integer(JsonNode o, String key, String where) throws DefenceFormatException {
        JsonNode v = field(o, key, where);
        if (!v.canConvertToLong() || !v.isIntegralNumber()) {
            throw new DefenceFormatException(where + ": \"" + key + "\" must be an integer, found " + v);
        }
        return v.asLong();
    }

    private static double real(JsonNode o, String key, String where) throws DefenceFormatException {
        JsonNode v = field(o, key, where);
        if (!v.isNumber()) {
            throw new DefenceFormatException(where + ": \"" + key + "\" must be a number, found " + v);
        }
        return v.asDouble();
    }

    /** A number or null (NaN). */
    private static double fraction(JsonNode o, String key, String where) throws DefenceFormatException {
        return field(o, key, where).isNull() ? Double.NaN : real(o, key, where);
    }
}
