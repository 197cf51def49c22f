package org.iotevent.evaluate.leakage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.iotevent.traffic.EventPairer;

/**
 * A {@link LeakageResult} in a JSON tree (that of {@code evaluate --json}): at the top
 * {@code leakage_bits}, {@code leakage_ci95} ([low, high]), {@code event_entropy_bits} and
 * {@code best_accuracy_bound}, over every label with the device's own traffic ({@code other})
 * included; in each entry of an existing {@code pairs} array ({@code "events": [A, B]}),
 * {@code leakage_bits} and {@code best_accuracy_bound} of that pair; in each event of an existing
 * {@code per_event} object, the same against the device's own traffic; and {@code leakage}, the
 * details: what is covered, the estimators, {@code all}, {@code events} (other left out) and
 * {@code pairs}, each with its labels, counts, {@code entropy_bits}, {@code bits} and
 * {@code bits_ci95}, {@code plugin_bits}, {@code chance}, {@code nn_accuracy} and its interval,
 * {@code best_accuracy_bound} and its interval. Null where nothing could be measured.
 */
public final class LeakageJson {
    /** What the figures cover, in words, for the file's reader. */
    public static final String SCOPE = "any attack that sees what these bursts hold: the device's packets cut into "
            + "bursts, each packet's direction and IP-layer length, in order (times only through how bursts were "
            + "cut); 'all' includes the device's own traffic (other), whose share depends on the capture, 'events' "
            + "compares events with each other only";

    /** The estimators and their intervals, in words. */
    public static final String METHOD = "bits: kNN mutual information between label and burst over the alignment "
            + "distance (Ross 2014; ties as Gao et al. 2017; each trigger left out; biased towards 0 when much leaks "
            + "from few samples), 95 % percentile bootstrap over triggers resampled per label (widened to hold the "
            + "estimate), raised to fano_floor_bits (Fano's inequality at the upper end of the 1-NN error's Wilson "
            + "interval: what leaks at least); with few_triggers (a label under 40 triggers) the point figure reads low "
            + "and the interval reaches entropy_bits (only where bursts rarely repeat); plugin_bits: plug-in "
            + "over exact bursts, Miller-Madow (too high when bursts rarely repeat); best_accuracy_bound: Cover-Hart "
            + "bound from the leave-one-trigger-out 1-NN error, at least chance, 95 % Wilson interval over triggers "
            + "carried through the bound (with few samples it can understate a better attack)";

    private LeakageJson() {}

    /** Adds the result to {@code root} as described above. */
    public static void put(ObjectNode root, LeakageResult r) {
        LeakageFigures all = r.all();
        putEstimate(root, "leakage_bits", "leakage_ci95", all == null ? null : all.bits());
        number(root, "event_entropy_bits", all == null ? Double.NaN : all.entropyBits());
        number(root, "best_accuracy_bound", all == null ? Double.NaN : all.bestAccuracy().value());
        JsonNode pairs = root.get("pairs");
        if (pairs != null && pairs.isArray()) {
            for (JsonNode entry : pairs) {
                JsonNode events = entry.get("events");
                if (entry.isObject() && events != null && events.isArray() && events.size() == 2) {
                    r.pair(events.get(0).asText(), events.get(1).asText()).ifPresent(p -> {
                        number((ObjectNode) entry, "leakage_bits", p.figures().bits().value());
                        number((ObjectNode) entry, "best_accuracy_bound", p.figures().bestAccuracy().value());
                    });
                }
            }
        }
        JsonNode perEvent = root.get("per_event");
        if (perEvent != null && perEvent.isObject()) {
            // an event against the device's own traffic
            perEvent.fields().forEachRemaining(e -> r.pair(e.getKey(), EventPairer.OTHER).ifPresent(p -> {
                if (e.getValue().isObject() && !e.getKey().equals(EventPairer.OTHER)) {
                    number((ObjectNode) e.getValue(), "leakage_bits", p.figures().bits().value());
                    number((ObjectNode) e.getValue(), "best_accuracy_bound", p.figures().bestAccuracy().value());
                }
            }));
        }
        ObjectNode details = root.putObject("leakage");
        details.put("scope", SCOPE).put("method", METHOD).put("k", r.k()).put("bootstrap", r.bootstrap())
                .put("seed", r.seed()).put("samples_used", r.samplesUsed()).put("samples_given", r.samplesGiven());
        ArrayNode dropped = details.putArray("dropped_labels");
        r.dropped().forEach(dropped::add);
        figures(details, "all", all);
        figures(details, "events", r.events());
        ArrayNode list = details.putArray("pairs");
        for (LeakageResult.Pair p : r.pairs()) {
            ObjectNode o = list.addObject();
            o.putArray("events").add(p.first()).add(p.second());
            fill(o, p.figures());
        }
    }

    private static void figures(ObjectNode parent, String key, LeakageFigures f) {
        if (f == null) {
            parent.putNull(key);
        } else {
            fill(parent.putObject(key), f);
        }
    }

    private static void fill(ObjectNode o, LeakageFigures f) {
        ArrayNode labels = o.putArray("labels");
        f.labels().forEach(labels::add);
        o.put("samples", f.samples()).put("triggers", f.triggers());
        number(o, "entropy_bits", f.entropyBits());
        putEstimate(o, "bits", "bits_ci95", f.bits());
        number(o, "knn_bits", f.knnBits());
        number(o, "fano_floor_bits", f.fanoFloorBits());
        o.put("fewest_triggers", f.fewestTriggers()).put("few_triggers", f.fewTriggers());
        number(o, "plugin_bits", f.pluginBits());
        number(o, "chance", f.chance());
        putEstimate(o, "nn_accuracy", "nn_accuracy_ci95", f.nnAccuracy());
        putEstimate(o, "best_accuracy_bound", "best_accuracy_bound_ci95", f.bestAccuracy());
    }

    /**
     * Puts an estimate as {@code key} (its value) and {@code ciKey} ([low, high]); null for a NaN
     * value, an unknown interval or a null estimate.
     */
    public static void putEstimate(ObjectNode o, String key, String ciKey, Estimate e) {
        number(o, key, e == null ? Double.NaN : e.value());
        interval(o, ciKey, e);
    }

    /**
     * Reads what {@link #putEstimate} wrote.
     *
     * @return the estimate; NaN where the value or the interval is missing or null
     * @throws IllegalArgumentException naming the key when the value is not a number of bits &gt;= 0 or
     *     the interval not [low, high]
     */
    public static Estimate readEstimate(JsonNode o, String key, String ciKey) {
        JsonNode v = o.get(key);
        if (v != null && !v.isNull() && (!v.isNumber() || v.asDouble() < 0)) {
            throw new IllegalArgumentException("\"" + key + "\" must be a number of bits >= 0 or null, found " + v);
        }
        double value = v == null || v.isNull() ? Double.NaN : v.asDouble();
        JsonNode ci = o.get(ciKey);
        if (ci == null || ci.isNull()) {
            return new Estimate(value, Double.NaN, Double.NaN);
        }
        if (!ci.isArray() || ci.size() != 2 || !ci.get(0).isNumber() || !ci.get(1).isNumber()
                || ci.get(0).asDouble() > ci.get(1).asDouble()) {
            throw new IllegalArgumentException("\"" + ciKey + "\" must be [low, high] or null, found " + ci);
        }
        return new Estimate(value, ci.get(0).asDouble(), ci.get(1).asDouble());
    }

    private static void interval(ObjectNode o, String key, Estimate e) {
        if (e == null || Double.isNaN(e.low())) {
            o.putNull(key);
        } else {
            o.putArray(key).add(e.low()).add(e.high());
        }
    }

    private static void number(ObjectNode o, String key, double v) {
        if (Double.isNaN(v)) {
            o.putNull(key);
        } else {
            o.put(key, v);
        }
    }
}
