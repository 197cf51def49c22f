package org.iotevent.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import org.iotevent.signature.Separation;
import org.iotevent.signature.SignatureFile;

/**
 * An {@link Evaluation} as JSON. First the headline pair: {@code events_read} (mean recall over the
 * events), {@code false_alarm_rate} (share of the device's own bursts labelled as an event) and
 * {@code false_alarms_per_day}, with {@code false_alarms} and {@code own_bursts}; then
 * {@code accuracy} (the paper's formula (4)), {@code per_event} (label to {@code precision},
 * {@code recall}, {@code support}; for events also {@code triggers}, {@code read} and the event
 * against the device's own traffic: {@code alerted} (its triggers that raise an alert), {@code verdict},
 * and on the share alerted {@code ci95}, {@code chance}, {@code p_value}, {@code more_triggers}), {@code pairs} (one object per pair of events: {@code events},
 * {@code right}, {@code triggers}, {@code accuracy}, {@code ci95}, {@code chance}, {@code p_value},
 * {@code verdict}, {@code more_triggers}), {@code confusion} (actual label to predicted label to
 * samples, each once), {@code accuracy_by_k} (k to accuracy), {@code k}, and the counts {@code tp},
 * {@code tn}, {@code fp}, {@code fn} (each sample once), {@code repeats}, {@code seed},
 * {@code samples}, {@code tested_per_repeat}. Fractions in [0, 1]; null where undefined.
 */
public final class EvaluationJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EvaluationJson() {}

    /** The JSON tree; {@code about} adds descriptive fields (input, classifier) at the top. */
    public static ObjectNode toJson(Evaluation e, java.util.Map<String, String> about) {
        ObjectNode root = JSON.createObjectNode();
        about.forEach(root::put);
        EventReading r = e.reading();
        putFraction(root, "events_read", r.eventsRead());
        putFraction(root, "false_alarm_rate", r.falseAlarmRate());
        putFraction(root, "false_alarms_per_day", r.falseAlarmsPerDay());
        root.put("false_alarms", r.falseAlarms());
        root.put("own_bursts", r.ownBursts());
        root.put("accuracy", e.accuracy());
        ObjectNode perEvent = root.putObject("per_event");
        e.perEvent().forEach((label, pr) -> {
            ObjectNode o = perEvent.putObject(label);
            putFraction(o, "precision", pr.precision());
            putFraction(o, "recall", pr.recall());
            o.put("support", pr.support());
            EventReading.EventFigures f = r.events().get(label);
            if (f != null) {
                o.put("triggers", f.triggers());
                o.put("read", f.read());
                Separation x = f.againstOwnTraffic();
                o.put("alerted", x.right());
                o.put("verdict", x.verdict().text());
                o.putArray("ci95").add(x.low()).add(x.high());
                o.put("chance", x.chance());
                o.put("p_value", x.pValue());
                o.put("more_triggers", x.moreUnits());
            }
        });
        ArrayNode pairs = root.putArray("pairs");
        r.pairs().forEach(x -> SignatureFile.putSeparation(pairs.addObject(), x));
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
