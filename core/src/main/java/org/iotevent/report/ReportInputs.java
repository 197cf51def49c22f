package org.iotevent.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.iotevent.evaluate.VerdictRule;
import org.iotevent.evaluate.leakage.Estimate;
import org.iotevent.evaluate.leakage.LeakageJson;
import org.iotevent.io.JsonInput;
import org.iotevent.signature.LabeledSample;
import org.iotevent.signature.Separation;
import org.iotevent.signature.Signature;
import org.iotevent.signature.Verdict;
import org.iotevent.signature.Verdicts;
import org.iotevent.traffic.EventPairer;

/**
 * Builds the report model from the files the other commands write: signatures ({@code train -o}),
 * evaluations ({@code evaluate --json}) and detections ({@code detect --format jsonl}).
 */
public final class ReportInputs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportInputs() {}

    /**
     * An evaluation as {@code evaluate --json} writes it.
     *
     * @param view what the charts draw
     * @param precision precision by label, NaN where undefined
     * @param recall recall by label, NaN where undefined
     * @param verdicts the headline figures and verdicts; null for files written before they existed
     * @param measurement the headline figures with where they were measured; null with {@code verdicts}
     */
    public record EvaluationInput(EvaluationView view, Map<String, Double> precision, Map<String, Double> recall,
            Verdicts verdicts, Measurement measurement) {
        public EvaluationInput {
            precision = Map.copyOf(precision);
            recall = Map.copyOf(recall);
        }
    }

    /**
     * The device section of one signature.
     *
     * @param evaluation its evaluation, or null
     * @param cloud the device's cloud for Table 2, or null for the signature's cloud endpoints
     * @param protocol the device's protocol for Table 2, or null when unknown
     */
    public static DeviceReport device(Signature s, EvaluationInput evaluation, String cloud, String protocol) {
        return device(s, evaluation == null ? List.of() : List.of(evaluation), cloud, protocol);
    }

    /**
     * The device section of one signature measured by several evaluations (e.g. one per vantage
     * point): the first is drawn in detail, every one's headline figures are shown.
     */
    public static DeviceReport device(Signature s, List<EvaluationInput> evaluations, String cloud, String protocol) {
        EvaluationInput evaluation = evaluations.isEmpty() ? null : evaluations.get(0);
        Map<String, List<int[]>> byLabel = new LinkedHashMap<>();
        for (LabeledSample sample : s.samples()) {
            byLabel.computeIfAbsent(sample.label(), l -> new ArrayList<>()).add(sample.signedLengths());
        }
        SortedMap<String, SequenceHighlighter.Highlight> highlights = SequenceHighlighter.highlight(byLabel);
        List<EventReport> events = new ArrayList<>();
        for (String name : s.events()) {
            SequenceHighlighter.Highlight h = highlights.get(name);
            if (h == null) {
                h = new SequenceHighlighter.Highlight(new int[0], new boolean[0], false);
            }
            double precision = evaluation == null ? Double.NaN : evaluation.precision().getOrDefault(name, Double.NaN);
            double recall = evaluation == null ? Double.NaN : evaluation.recall().getOrDefault(name, Double.NaN);
            events.add(new EventReport(name, s.privacyEvents().contains(name), byLabel.getOrDefault(name, List.of()).size(),
                    h, precision, recall));
        }
        StringBuilder classifier = new StringBuilder(s.classifier().name());
        s.classifier().parameters().forEach((k, v) -> classifier.append(' ').append(k).append('=')
                .append(new BigDecimal(v, new java.math.MathContext(4)).stripTrailingZeros().toPlainString()));
        return new DeviceReport(s.device().describe(), cloud != null ? cloud : String.join(", ", s.device().cloud()),
                protocol != null ? protocol : "", classifier.toString(),
                s.aSeconds(), s.bSeconds(), events, s.training().heldOutAccuracy(),
                evaluation == null ? null : evaluation.view(),
                evaluation != null && evaluation.verdicts() != null ? evaluation.verdicts() : s.verdicts(),
                evaluations.stream().map(EvaluationInput::measurement).filter(java.util.Objects::nonNull).toList());
    }

    /**
     * Why a detection run scored against {@code eventLog} is in-sample for {@code signature}: the
     * signature was trained with the same event log (same SHA-256), so the run is scored on the
     * triggers it learnt from, and a hit there says little about new traffic. Null when its
     * provenance does not say so (or it records none).
     *
     * @param eventLogSha256 the event log's SHA-256 (as {@link org.iotevent.signature.Provenance.Input} holds it)
     */
    public static String inSample(Signature signature, String eventLogSha256) {
        if (signature.provenance() == null) {
            return null;
        }
        for (org.iotevent.signature.Provenance.Input in : signature.provenance().inputs()) {
            if (in.role().equals("events") && in.sha256().equals(eventLogSha256)) {
                return "in-sample: the event log is the one the signature was trained on (" + in.name()
                        + ", same SHA-256), so these detections are scored on the triggers it learnt from and "
                        + "overstate what it reads in new traffic; score a capture of another session";
            }
        }
        return null;
    }

    /**
     * The files a report is built from with their SHA-256: each given file, then the files each
     * signature says it was learnt from.
     *
     * @param given the files given, each with its role (e.g. {@code signature}) and SHA-256
     */
    public static List<org.iotevent.signature.Provenance.Input> sources(List<org.iotevent.signature.Provenance.Input> given,
            List<Signature> signatures) {
        List<org.iotevent.signature.Provenance.Input> out = new ArrayList<>(given);
        for (Signature s : signatures) {
            if (s.provenance() != null) {
                s.provenance().inputs().forEach(in -> out.add(new org.iotevent.signature.Provenance.Input(
                        "training " + in.role(), in.name(), in.sha256())));
            }
        }
        return out;
    }

    /**
     * Reads an event log ({@code timestamp,event} CSV, as {@code train --events} takes it) as the
     * triggers of a detection run.
     */
    public static List<Timeline.Trigger> readTriggers(Path log) throws IOException {
        try {
            return org.iotevent.traffic.EventLogReader.read(log).stream()
                    .map(e -> new Timeline.Trigger(e.timeNanos(), e.name())).toList();
        } catch (IllegalArgumentException e) {
            throw new ReportInputException(log + ": " + e.getMessage());
        }
    }

    /**
     * Reads {@code evaluate --json} output.
     *
     * @throws ReportInputException naming the file and the field when it is not such a file
     */
    public static EvaluationInput readEvaluation(Path file) throws IOException {
        return readEvaluation(tree(file), file.toString());
    }

    /** Reads the tree of {@code evaluate --json} output; {@code where} names it in messages. */
    static EvaluationInput readEvaluation(JsonNode root, String where) throws ReportInputException {
        JsonNode perEvent = object(root, "per_event", where);
        JsonNode confusion = object(root, "confusion", where);
        JsonNode byK = object(root, "accuracy_by_k", where);
        TreeSet<String> names = new TreeSet<>();
        perEvent.fieldNames().forEachRemaining(names::add);
        confusion.fieldNames().forEachRemaining(names::add);
        for (JsonNode row : confusion) {
            row.fieldNames().forEachRemaining(names::add);
        }
        List<String> labels = new ArrayList<>(names);
        if (labels.remove(EventPairer.OTHER)) {
            labels.add(EventPairer.OTHER);
        }
        long[][] counts = new long[labels.size()][labels.size()];
        for (Iterator<Map.Entry<String, JsonNode>> it = confusion.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> row = it.next();
            for (Iterator<Map.Entry<String, JsonNode>> cells = row.getValue().fields(); cells.hasNext();) {
                Map.Entry<String, JsonNode> cell = cells.next();
                if (!cell.getValue().isIntegralNumber() || cell.getValue().asLong() < 0) {
                    throw new ReportInputException(where + ": confusion." + row.getKey() + "." + cell.getKey()
                            + " must be a count, found " + cell.getValue());
                }
                counts[labels.indexOf(row.getKey())][labels.indexOf(cell.getKey())] = cell.getValue().asLong();
            }
        }
        SortedMap<Integer, Double> accuracyByK = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = byK.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            try {
                accuracyByK.put(Integer.parseInt(e.getKey()), fraction(e.getValue(), "accuracy_by_k." + e.getKey(), where));
            } catch (NumberFormatException x) {
                throw new ReportInputException(where + ": accuracy_by_k key '" + e.getKey() + "' is not a k");
            }
        }
        Map<String, Double> precision = new TreeMap<>();
        Map<String, Double> recall = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = perEvent.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            precision.put(e.getKey(), optionalFraction(e.getValue().get("precision"), "per_event." + e.getKey()
                    + ".precision", where));
            recall.put(e.getKey(), optionalFraction(e.getValue().get("recall"), "per_event." + e.getKey() + ".recall", where));
        }
        JsonNode k = root.get("k");
        if (k == null || !k.isIntegralNumber() || k.asInt() < 0) {
            throw new ReportInputException(where + ": \"k\" must be an integer >= 0, found " + k);
        }
        try {
            EvaluationView view = new EvaluationView(fraction(root.get("accuracy"), "accuracy", where), k.asInt(),
                    accuracyByK, labels, counts, leakage(root, where));
            Verdicts verdicts = verdicts(root, perEvent, where);
            return new EvaluationInput(view, precision, recall, verdicts, verdicts == null ? null
                    : new Measurement(text(root, "vantage"), Objects.requireNonNullElse(text(root, "method"), ""),
                            Objects.requireNonNullElse(text(root, "input"), ""), verdicts, view.accuracy(),
                            view.leakage(), reads(perEvent, where)));
        } catch (IllegalArgumentException e) {
            throw new ReportInputException(where + ": " + e.getMessage());
        }
    }

    private static String text(JsonNode root, String key) {
        JsonNode v = root.get(key);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    /** Each event's triggers and how many were read, from {@code per_event}; events without them are left out. */
    private static SortedMap<String, Measurement.Reads> reads(JsonNode perEvent, String where) throws ReportInputException {
        SortedMap<String, Measurement.Reads> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = perEvent.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode triggers = e.getValue().path("triggers");
            JsonNode read = e.getValue().path("read");
            if (triggers.isIntegralNumber() && read.isIntegralNumber()) {
                try {
                    out.put(e.getKey(), new Measurement.Reads(triggers.asInt(), read.asInt()));
                } catch (IllegalArgumentException x) {
                    throw new ReportInputException(where + ": per_event." + e.getKey() + ": " + x.getMessage());
                }
            }
        }
        return out;
    }

    /** The headline figures and verdicts of an evaluation's JSON; null when it has none (older files). */
    private static Verdicts verdicts(JsonNode root, JsonNode perEvent, String where) throws ReportInputException {
        if (!root.has("events_read")) {
            return null;
        }
        SortedMap<String, Separation> events = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = perEvent.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode o = e.getValue();
            if (o.has("verdict")) {
                JsonNode share = o.path("alerted").isIntegralNumber() && o.path("triggers").asInt() > 0
                        ? JSON.getNodeFactory().numberNode(o.get("alerted").asDouble() / o.get("triggers").asInt())
                        : com.fasterxml.jackson.databind.node.NullNode.getInstance();
                events.put(e.getKey(), separation(List.of(e.getKey()), o.path("alerted"), o.path("triggers"), share, o,
                        where + ": per_event." + e.getKey()));
            }
        }
        List<Separation> pairs = new ArrayList<>();
        JsonNode arr = root.path("pairs");
        if (!arr.isMissingNode() && !arr.isArray()) {
            throw new ReportInputException(where + ": \"pairs\" must be an array of pairs of events");
        }
        for (int i = 0; i < arr.size(); i++) {
            JsonNode o = arr.get(i);
            List<String> names = new ArrayList<>();
            o.path("events").forEach(n -> names.add(n.asText()));
            pairs.add(separation(names, o.path("right"), o.path("triggers"), o.path("accuracy"), o,
                    where + ": pairs[" + i + "]"));
        }
        return new Verdicts(optionalFraction(root.get("events_read"), "events_read", where),
                optionalFraction(root.get("false_alarm_rate"), "false_alarm_rate", where),
                root.path("false_alarms_per_day").isNumber() ? root.get("false_alarms_per_day").asDouble() : Double.NaN,
                VerdictRule.MARGIN, events, pairs);
    }

    private static Separation separation(List<String> events, JsonNode right, JsonNode units, JsonNode accuracy,
            JsonNode o, String where) throws ReportInputException {
        JsonNode ci = o.path("ci95");
        if (!right.isIntegralNumber() || !units.isIntegralNumber() || !ci.isArray() || ci.size() != 2 || !o.path("chance").isNumber()
                || !o.path("p_value").isNumber() || !o.path("verdict").isTextual()) {
            throw new ReportInputException(where + ": expected right/read, triggers, ci95 [low, high], chance, p_value "
                    + "and verdict, as iotevent evaluate --json writes");
        }
        try {
            return new Separation(events, right.asInt(), units.asInt(), accuracy.isNumber() ? accuracy.asDouble() : Double.NaN,
                    o.get("chance").asDouble(), ci.get(0).asDouble(),
                    ci.get(1).asDouble(), o.get("p_value").asDouble(), Verdict.parse(o.get("verdict").asText()),
                    o.path("more_triggers").asInt(0));
        } catch (IllegalArgumentException e) {
            throw new ReportInputException(where + ": " + e.getMessage());
        }
    }

    /**
     * The leakage keys of an evaluation ({@code leakage_bits}, {@code leakage_ci95},
     * {@code event_entropy_bits}, {@code best_accuracy_bound}, {@code leakage.events}); null when the
     * file has none or they are null (nothing could be measured).
     */
    private static LeakageView leakage(JsonNode root, String where) throws ReportInputException {
        JsonNode bits = root.get("leakage_bits");
        if (bits == null || bits.isNull()) {
            return null;
        }
        JsonNode events = root.path("leakage").path("events");
        Estimate eventBits = events.isObject() && events.path("bits").isNumber()
                ? estimate(events, "bits", "bits_ci95", where + ": leakage.events") : null;
        return new LeakageView(estimate(root, "leakage_bits", "leakage_ci95", where), bits(root, "event_entropy_bits", where),
                optionalFraction(root.get("best_accuracy_bound"), "best_accuracy_bound", where), eventBits,
                eventBits == null ? Double.NaN : bits(events, "entropy_bits", where + ": leakage.events"));
    }

    private static Estimate estimate(JsonNode o, String key, String ciKey, String where) throws ReportInputException {
        bits(o, key, where);
        try {
            return LeakageJson.readEstimate(o, key, ciKey);
        } catch (IllegalArgumentException e) {
            throw new ReportInputException(where + ": " + e.getMessage());
        }
    }

    private static double bits(JsonNode o, String key, String where) throws ReportInputException {
        JsonNode v = o.get(key);
        if (v == null || !v.isNumber() || v.asDouble() < 0) {
            throw new ReportInputException(where + ": \"" + key + "\" must be a number of bits >= 0, found " + v);
        }
        return v.asDouble();
    }

    /**
     * Reads {@code detect --format jsonl} output into a timeline.
     *
     * @param device the device the detections are about, for the heading
     * @throws ReportInputException naming the file and line of a malformed record
     */
    public static Timeline readDetections(Path file, String device) throws IOException {
        List<Timeline.Entry> entries = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = readLine(in, file, number + 1)) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String where = file + " line " + number;
                JsonNode o;
                try {
                    o = JsonInput.parseJson(line.getBytes(StandardCharsets.UTF_8), where);
                } catch (JsonInput.Problem e) {
                    throw new ReportInputException(e.getMessage());
                }
                if (o != null && o.has("interrupted")) {
                    continue; // detect's note that the run was interrupted: the detections above are complete
                }
                // "ts" since detections carry Zeek-style keys; "start" in files written before
                JsonNode start = o == null ? null : o.has("ts") ? o.get("ts") : o.get("start");
                if (o == null || !o.isObject() || start == null || !start.isNumber() || !o.path("end").isNumber()
                        || !o.path("packets").isIntegralNumber() || !o.path("event").isTextual()
                        || !o.path("privacy").isBoolean()) {
                    throw new ReportInputException(where + ": expected a detection with ts, end (epoch seconds), "
                            + "packets, event and privacy, as iotevent detect --format jsonl writes");
                }
                try {
                    entries.add(new Timeline.Entry(nanos(start), nanos(o.get("end")), o.get("event").asText(),
                            o.get("privacy").asBoolean(), o.get("packets").asInt()));
                } catch (IllegalArgumentException e) {
                    throw new ReportInputException(where + ": " + e.getMessage());
                }
            }
        }
        return new Timeline(device, file.toString(), entries);
    }

    /** The next line; bytes that are not UTF-8 are an error naming the line, not a decoder's exception. */
    private static String readLine(BufferedReader in, Path file, int number) throws IOException {
        try {
            return in.readLine();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ReportInputException(file + " line " + number + " or the next: not UTF-8 text, as iotevent detect "
                    + "--format jsonl writes");
        }
    }

    /** Epoch seconds to nanoseconds; beyond the years 1970-2262 of a long count of nanoseconds is refused. */
    private static long nanos(JsonNode seconds) {
        java.math.BigDecimal s = seconds.decimalValue();
        if (s.signum() < 0 || s.compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE / 1_000_000_000L)) > 0) {
            throw new IllegalArgumentException("time " + seconds + " is not epoch seconds within 1970-2262");
        }
        return s.movePointRight(9).setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
    }

    private static JsonNode tree(Path file) throws IOException {
        JsonNode root;
        try {
            root = JsonInput.readJson(file, JsonInput.MAX_BYTES);
        } catch (JsonInput.Problem e) {
            throw new ReportInputException(e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ReportInputException(file + ": expected a JSON object as iotevent evaluate --json writes");
        }
        return root;
    }

    private static JsonNode object(JsonNode root, String key, String where) throws ReportInputException {
        JsonNode v = root.get(key);
        if (v == null || !v.isObject()) {
            throw new ReportInputException(where + ": \"" + key + "\" must be an object (is this iotevent evaluate --json "
                    + "output?)");
        }
        return v;
    }

    private static double fraction(JsonNode v, String key, String where) throws ReportInputException {
        if (v == null || !v.isNumber() || v.asDouble() < 0 || v.asDouble() > 1) {
            throw new ReportInputException(where + ": \"" + key + "\" must be a fraction in [0, 1], found " + v);
        }
        return v.asDouble();
    }

    private static double optionalFraction(JsonNode v, String key, String where) throws ReportInputException {
        return v == null || v.isNull() ? Double.NaN : fraction(v, key, where);
    }

    /** The default report title for these device names. */
    public static String title(List<String> devices) {
        return devices.isEmpty() ? "iotevent report" : String.format(Locale.ROOT, "iotevent report: %s",
                String.join(", ", devices));
    }
}
