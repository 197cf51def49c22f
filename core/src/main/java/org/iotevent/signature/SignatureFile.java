package org.iotevent.signature;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.iotevent.io.AtomicFileOutput;
import org.iotevent.io.JsonInput;
import org.iotevent.traffic.DeviceIdentity;
import org.iotevent.traffic.DeviceSelector;

/**
 * Reads and writes signature files: JSON with the format name {@value #FORMAT} and version
 * {@value #VERSION}. Every field is checked on load: a file that is unreadable, not JSON, cut
 * short, another program's JSON, of an unknown version, or holding a field out of range gets one
 * {@link SignatureFormatException} naming the file and the field. Unknown fields are refused too,
 * so a typo never passes silently. Writing goes through {@link AtomicFileOutput}.
 *
 * <pre>
 * { "format": "iotevent-signature", "version": 1,
 *   "device": { "select": "192.168.1.159", "cloud": [] },
 *   "parameters": { "a_seconds": 1.0, "b_seconds": 5.0, "length_layer": "ip" },
 *   "classifier": { "name": "paper", "parameters": { "k": 1 } },
 *   "events": ["OFF", "ON"], "privacy_events": ["ON"],
 *   "samples": [ { "label": "ON", "lengths": [-235, 171] }, ... ],
 *   "training": { "held_out_accuracy": 1.0, "held_out_samples": 3,
 *                 "candidate_accuracy": { "k=01": 1.0 }, "confusions": [],
 *                 "folds": 5, "ties_to_other": 0 },   (the last two optional: absent in older files)
 *   "verdicts": { "events_read": 0.5, "false_alarm_rate": 0.01, "false_alarms_per_day": 2.5, "margin": 0.15,
 *                 "events": [ { "events": ["ON"], "right": 3, "triggers": 6, "accuracy": 0.5, "ci95": [0.12, 0.88],
 *                               "chance": 0.0, "p_value": 0.0, "verdict": "distinguishable", "more_triggers": 0 } ],
 *                 "pairs": [ { "events": ["OFF", "ON"], ... } ] },
 *   "provenance": { "tool": "iotevent 0.1.0", "created": "2026-11-25T20:00:00Z",
 *                   "inputs": [ { "role": "capture", "name": "x.pcap", "sha256": "..." } ] } }
 * </pre>
 *
 * <p>{@code verdicts} is optional (files written before it was recorded have none); {@code
 * false_alarms_per_day} and {@code events_read}, {@code false_alarm_rate} may be null when undefined.
 */
public final class SignatureFile {
    /** The value of the {@code format} field. */
    public static final String FORMAT = "iotevent-signature";
    /** The version this build writes and reads. */
    public static final int VERSION = 1;
    /** Largest signature file read, in bytes. */
    public static final long MAX_BYTES = 256L << 20;
    /** Largest absolute signed length accepted, in bytes (IPv6 jumbo frames aside, 65535 + 40). */
    public static final int MAX_LENGTH = 65_575;
    /** Most samples in a signature (a campaign of 100 triggers of 100 events makes 10 000). */
    public static final int MAX_SAMPLES = 100_000;
    /** Most packets in one sample: the longest burst the segmenter makes. */
    public static final int MAX_SAMPLE_PACKETS = 100_000;
    /** Most packets in all samples together (the file then stays within JsonInput's token limit). */
    public static final int MAX_TOTAL_PACKETS = 2_000_000;
    /** Most events (classes) in a signature. */
    public static final int MAX_EVENTS = 10_000;

    private SignatureFile() {}

    /** Writes {@code signature} to {@code file}, atomically. */
    public static void write(Signature signature, Path file) throws IOException {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(DefaultPrettyPrinter.FixedSpaceIndenter.instance);
        ObjectNode json = toJson(signature);
        try {
            fromJson(json, file.toString()); // what detect would refuse to read is not written
        } catch (SignatureFormatException e) {
            throw new SignatureFormatException("cannot write the signature: " + e.getMessage());
        }
        try (AtomicFileOutput out = new AtomicFileOutput(file)) {
            Writing.MAPPER.writer(printer).writeValue(new NonClosing(out.stream()), json);
            out.stream().write('\n');
            out.commit();
        }
    }

    /** The signature as a JSON tree. */
    public static ObjectNode toJson(Signature s) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        ObjectNode device = root.putObject("device");
        device.put("select", s.device().text());
        ArrayNode cloud = device.putArray("cloud");
        s.device().cloud().forEach(cloud::add);
        ObjectNode params = root.putObject("parameters");
        params.put("a_seconds", s.aSeconds());
        params.put("b_seconds", s.bSeconds());
        params.put("length_layer", s.lengthLayer());
        ObjectNode classifier = root.putObject("classifier");
        classifier.put("name", s.classifier().name());
        ObjectNode cp = classifier.putObject("parameters");
        s.classifier().parameters().forEach((k, v) -> {
            if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                cp.put(k, v.longValue());
            } else {
                cp.put(k, v);
            }
        });
        s.events().forEach(root.putArray("events")::add);
        s.privacyEvents().forEach(root.putArray("privacy_events")::add);
        ArrayNode samples = root.putArray("samples");
        for (LabeledSample sample : s.samples()) {
            ObjectNode o = samples.addObject();
            o.put("label", sample.label());
            ArrayNode lengths = o.putArray("lengths");
            for (int l : sample.vector()) {
                lengths.add(l);
            }
        }
        ObjectNode training = root.putObject("training");
        double held = s.training().heldOutAccuracy();
        if (Double.isNaN(held)) {
            training.putNull("held_out_accuracy");
        } else {
            training.put("held_out_accuracy", held);
        }
        training.put("held_out_samples", s.training().heldOutSamples());
        ObjectNode candidates = training.putObject("candidate_accuracy");
        s.training().candidateAccuracy().forEach(candidates::put);
        ArrayNode confusions = training.putArray("confusions");
        for (TrainingReport.Confusion c : s.training().confusions()) {
            confusions.addObject().put("actual", c.actual()).put("predicted", c.predicted()).put("count", c.count())
                    .put("of", c.of());
        }
        if (s.training().folds() > 0) {
            training.put("folds", s.training().folds());
            training.put("ties_to_other", s.training().tiesToOther());
        }
        if (s.verdicts() != null) {
            putVerdicts(root.putObject("verdicts"), s.verdicts());
        }
        if (s.identity() != null) {
            ObjectNode id = root.putObject("identity");
            s.identity().names().forEach(id.putArray("names")::add);
            s.identity().ouiPrefixes().forEach(id.putArray("oui")::add);
            s.identity().listenPorts().forEach(id.putArray("listen_ports")::add);
            if (s.identity().heartbeatSeconds() != null) {
                id.put("heartbeat_seconds", s.identity().heartbeatSeconds());
            }
        }
        ObjectNode provenance = root.putObject("provenance");
        provenance.put("tool", s.provenance().tool());
        provenance.put("created", s.provenance().created());
        ArrayNode inputs = provenance.putArray("inputs");
        for (Provenance.Input in : s.provenance().inputs()) {
            inputs.addObject().put("role", in.role()).put("name", in.name()).put("sha256", in.sha256());
        }
        return root;
    }

    /**
     * The signature files {@code paths} name: each file itself, each folder's {@code *.json} files
     * in name order (the detection CLI and the Flink job read a folder of signatures alike).
     *
     * @throws SignatureFormatException naming a folder that holds no {@code *.json} file
     */
    public static List<Path> files(List<Path> paths) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> list = Files.list(p)) {
                    List<Path> json = list.filter(f -> f.getFileName().toString().endsWith(".json") && Files.isRegularFile(f))
                            .sorted().toList();
                    if (json.isEmpty()) {
                        throw new SignatureFormatException(p + ": no signature (*.json) in this directory");
                    }
                    out.addAll(json);
                }
            } else {
                out.add(p);
            }
        }
        return out;
    }

    /** The device a signature file stands for where several are watched: its file name less {@code .json}. */
    public static String deviceName(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    }

    /**
     * Reads and validates a signature file.
     *
     * @throws SignatureFormatException for anything but a valid version-{@value #VERSION} signature
     */
    public static Signature read(Path file) throws SignatureFormatException {
        try {
            return parse(JsonInput.bytes(file, MAX_BYTES), file.toString());
        } catch (JsonInput.Problem e) {
            throw new SignatureFormatException(e.getMessage());
        }
    }

    /**
     * Validates a signature file's bytes (one received over the network); {@code name} names it in messages.
     *
     * @throws SignatureFormatException for anything but a valid version-{@value #VERSION} signature
     */
    public static Signature parse(byte[] bytes, String name) throws SignatureFormatException {
        if (bytes.length == 0) {
            throw new SignatureFormatException(name + ": empty file, expected an iotevent signature (JSON)");
        }
        if (bytes.length > MAX_BYTES) {
            throw new SignatureFormatException(name + ": " + bytes.length + " bytes, more than the " + MAX_BYTES
                    + " a signature may have");
        }
        try {
            return fromJson(JsonInput.parseJson(bytes, name), name);
        } catch (JsonInput.Problem e) {
            throw new SignatureFormatException(e.getMessage());
        }
    }

    /** Validates a JSON tree; {@code name} names the file in messages. */
    public static Signature fromJson(JsonNode root, String name) throws SignatureFormatException {
        Fields f = new Fields(name);
        if (root == null || !root.isObject()) {
            throw new SignatureFormatException(name + ": not an iotevent signature: expected a JSON object");
        }
        JsonNode format = root.get("format");
        if (format == null || !FORMAT.equals(format.asText(null))) {
            throw new SignatureFormatException(name + ": not an iotevent signature: field 'format' is "
                    + (format == null ? "missing" : format.toString()) + ", expected \"" + FORMAT + "\"");
        }
        JsonNode version = root.get("version");
        if (version == null || !version.canConvertToInt() || !version.isIntegralNumber()) {
            throw new SignatureFormatException(name + ": field 'version': expected an integer, found "
                    + (version == null ? "nothing" : version.toString()));
        }
        if (version.intValue() != VERSION) {
            throw new SignatureFormatException(name + ": signature format version " + version.intValue()
                    + " is not supported: this iotevent reads version " + VERSION
                    + (version.intValue() > VERSION ? " (the file is newer: upgrade iotevent)" : ""));
        }
        f.onlyKeys(root, "", Set.of("format", "version", "device", "parameters", "classifier", "events", "privacy_events",
                "samples", "training", "verdicts", "provenance", "identity"));

        JsonNode deviceNode = f.object(root, "device");
        f.onlyKeys(deviceNode, "device.", Set.of("select", "cloud"));
        DeviceSelector device;
        try {
            device = DeviceSelector.parse(f.text(deviceNode, "device.select"), f.texts(deviceNode, "device.cloud"));
        } catch (IllegalArgumentException e) {
            throw f.fail("device", e.getMessage());
        }

        JsonNode params = f.object(root, "parameters");
        f.onlyKeys(params, "parameters.", Set.of("a_seconds", "b_seconds", "length_layer"));
        long a = Math.round(f.number(params, "parameters.a_seconds", 1e-9, 86_400) * 1e9);
        long b = Math.round(f.number(params, "parameters.b_seconds", 0, 86_400) * 1e9);
        String layer = f.text(params, "parameters.length_layer");
        if (org.iotevent.traffic.LengthLayer.byKey(layer) == null) {
            throw f.fail("parameters.length_layer", "expected \"ip\" or \"transport\", found \"" + layer + "\"");
        }

        JsonNode classifierNode = f.object(root, "classifier");
        f.onlyKeys(classifierNode, "classifier.", Set.of("name", "parameters"));
        String classifierName = f.text(classifierNode, "classifier.name");
        JsonNode cpNode = f.object(classifierNode, "classifier.parameters");
        Fields cpFields = f.in("classifier.parameters", -1);
        SortedMap<String, Double> cp = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = cpNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            cp.put(e.getKey(), cpFields.number(cpNode, e.getKey(), -1e300, 1e300));
        }
        ClassifierSpec spec;
        try {
            spec = new ClassifierSpec(classifierName, cp);
        } catch (IllegalArgumentException e) {
            throw f.fail("classifier", e.getMessage());
        }
        if (!Classifiers.NAMES.contains(spec.name())) {
            throw f.fail("classifier.name", "unknown classifier \"" + spec.name() + "\", this iotevent knows "
                    + new TreeSet<>(Classifiers.NAMES));
        }

        List<String> events = f.texts(root, "events");
        if (events.size() > MAX_EVENTS) {
            throw f.fail("events", events.size() + " events, more than the limit of " + MAX_EVENTS);
        }
        List<String> privacy = f.texts(root, "privacy_events");
        List<LabeledSample> samples = samples(f, root);
        TrainingReport training = training(f, f.object(root, "training"));
        Provenance provenance = provenance(f, f.object(root, "provenance"));
        Verdicts verdicts = root.has("verdicts") ? verdicts(f, f.object(root, "verdicts")) : null;
        DeviceIdentity identity = root.has("identity") ? identity(f, f.object(root, "identity")) : null;
        Signature signature;
        try {
            signature = new Signature(device, a, b, layer, spec, events, new TreeSet<>(privacy), samples, training,
                    provenance, verdicts, identity);
        } catch (IllegalArgumentException e) {
            throw f.fail("signature", e.getMessage());
        }
        try {
            Classifiers.check(spec);
        } catch (IllegalArgumentException e) {
            throw new SignatureFormatException(name + ": " + e.getMessage());
        }
        return signature;
    }

    /** The optional identity (issue 16): names, MAC blocks, listening ports, heartbeat; files without it still read. */
    private static DeviceIdentity identity(Fields f, JsonNode id) throws SignatureFormatException {
        f.onlyKeys(id, "identity.", Set.of("names", "oui", "listen_ports", "heartbeat_seconds"));
        List<Integer> ports = new ArrayList<>();
        JsonNode p = id.get("listen_ports");
        if (p != null) {
            if (!p.isArray() || p.size() > 64) {
                throw f.fail("identity.listen_ports", "expected an array of at most 64 ports");
            }
            for (int i = 0; i < p.size(); i++) {
                JsonNode port = p.get(i);
                if (!port.isInt() || port.intValue() < 1 || port.intValue() > 65535) {
                    throw f.fail("identity.listen_ports[" + i + "]", "expected a port in 1..65535, found " + port);
                }
                ports.add(port.intValue());
            }
        }
        try {
            return new DeviceIdentity(id.has("names") ? f.texts(id, "identity.names") : List.of(),
                    id.has("oui") ? f.texts(id, "identity.oui") : List.of(), ports,
                    id.has("heartbeat_seconds") ? f.number(id, "identity.heartbeat_seconds", 1e-9, 86_400) : null);
        } catch (IllegalArgumentException e) {
            throw f.fail("identity", e.getMessage());
        }
    }

    private static List<LabeledSample> samples(Fields f, JsonNode root) throws SignatureFormatException {
        JsonNode arr = root.get("samples");
        if (arr == null || !arr.isArray()) {
            throw f.fail("samples", "expected an array of {label, lengths}");
        }
        if (arr.size() > MAX_SAMPLES) {
            throw f.fail("samples", arr.size() + " samples, more than the limit of " + MAX_SAMPLES);
        }
        long packets = 0;
        List<LabeledSample> out = new ArrayList<>(arr.size());
        for (int i = 0; i < arr.size(); i++) {
            Fields at = f.in("samples", i);
            JsonNode s = arr.get(i);
            if (!s.isObject()) {
                throw at.fail("", "expected an object {label, lengths}");
            }
            at.onlyKeys(s, "", SAMPLE_KEYS);
            // interned: every signature's classifier answers "other" (and each shared label) with one
            // object, which the sinks' caches of encoded names find by identity
            String label = at.text(s, "label").intern();
            JsonNode lengths = s.get("lengths");
            if (lengths == null || !lengths.isArray() || lengths.isEmpty()) {
                throw at.fail("lengths", "expected a non-empty array of signed lengths");
            }
            packets += lengths.size();
            if (lengths.size() > MAX_SAMPLE_PACKETS || packets > MAX_TOTAL_PACKETS) {
                throw at.fail("lengths", lengths.size() + " packets, beyond the limits of " + MAX_SAMPLE_PACKETS
                        + " packets per sample and " + MAX_TOTAL_PACKETS + " in all samples");
            }
            int[] v = new int[lengths.size()];
            for (int j = 0; j < v.length; j++) {
                JsonNode l = lengths.get(j);
                // an int node (what a parsed file holds) is checked with one call
                int length = l.isInt() || l.isIntegralNumber() && l.canConvertToInt() ? l.intValue() : 0;
                if (length == 0 || Math.abs(length) > MAX_LENGTH) {
                    throw at.fail("lengths[" + j + "]", "expected a non-zero integer within +-" + MAX_LENGTH
                            + ", found " + l);
                }
                v[j] = length;
            }
            try {
                out.add(new LabeledSample(label, v));
            } catch (IllegalArgumentException e) {
                throw at.fail("", e.getMessage());
            }
        }
        return out;
    }

    private static TrainingReport training(Fields f, JsonNode t) throws SignatureFormatException {
        f.onlyKeys(t, "training.", Set.of("held_out_accuracy", "held_out_samples", "candidate_accuracy", "confusions", "folds",
                "ties_to_other"));
        JsonNode heldNode = t.get("held_out_accuracy");
        double held = heldNode != null && heldNode.isNull() ? Double.NaN : f.number(t, "training.held_out_accuracy", 0, 1);
        int heldSamples = (int) f.number(t, "training.held_out_samples", 0, Integer.MAX_VALUE);
        JsonNode cand = f.object(t, "training.candidate_accuracy");
        Fields candFields = f.in("training.candidate_accuracy", -1);
        SortedMap<String, Double> byCandidate = new TreeMap<>();
        for (Iterator<String> it = cand.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            byCandidate.put(key, candFields.number(cand, key, 0, 1));
        }
        JsonNode conf = t.get("confusions");
        if (conf == null || !conf.isArray()) {
            throw f.fail("training.confusions", "expected an array");
        }
        List<TrainingReport.Confusion> confusions = new ArrayList<>();
        for (int i = 0; i < conf.size(); i++) {
            Fields at = f.in("training.confusions", i);
            JsonNode c = conf.get(i);
            if (!c.isObject()) {
                throw at.fail("", "expected an object");
            }
            at.onlyKeys(c, "", CONFUSION_KEYS);
            try {
                confusions.add(new TrainingReport.Confusion(at.text(c, "actual"), at.text(c, "predicted"),
                        (int) at.number(c, "count", 1, Integer.MAX_VALUE), (int) at.number(c, "of", 1, Integer.MAX_VALUE)));
            } catch (IllegalArgumentException e) {
                throw at.fail("", e.getMessage());
            }
        }
        int folds = t.has("folds") ? (int) f.number(t, "training.folds", 1, Integer.MAX_VALUE) : 0;
        int ties = t.has("ties_to_other") ? (int) f.number(t, "training.ties_to_other", 0, heldSamples) : 0;
        return new TrainingReport(held, heldSamples, byCandidate, confusions, folds, ties);
    }

    private static void putVerdicts(ObjectNode o, Verdicts v) {
        putFraction(o, "events_read", v.eventsRead());
        putFraction(o, "false_alarm_rate", v.falseAlarmRate());
        putFraction(o, "false_alarms_per_day", v.falseAlarmsPerDay());
        o.put("margin", v.margin());
        ArrayNode events = o.putArray("events");
        v.events().values().forEach(x -> putSeparation(events.addObject(), x));
        ArrayNode pairs = o.putArray("pairs");
        v.pairs().forEach(x -> putSeparation(pairs.addObject(), x));
    }

    /**
     * Writes a separation's fields into {@code o}: {@code events}, {@code right}, {@code triggers},
     * {@code accuracy} (null when nothing was counted), {@code ci95}, {@code chance}, {@code p_value},
     * {@code verdict}, {@code more_triggers}. The evaluation's JSON uses the same fields.
     */
    public static void putSeparation(ObjectNode o, Separation x) {
        // accuracy is stored: for a pair it is balanced, not right / triggers
        x.events().forEach(o.putArray("events")::add);
        o.put("right", x.right());
        o.put("triggers", x.units());
        putFraction(o, "accuracy", x.accuracy());
        o.putArray("ci95").add(x.low()).add(x.high());
        o.put("chance", x.chance());
        o.put("p_value", x.pValue());
        o.put("verdict", x.verdict().text());
        o.put("more_triggers", x.moreUnits());
    }

    private static void putFraction(ObjectNode o, String key, double v) {
        if (Double.isNaN(v)) {
            o.putNull(key);
        } else {
            o.put(key, v);
        }
    }

    private static Verdicts verdicts(Fields f, JsonNode v) throws SignatureFormatException {
        f.onlyKeys(v, "verdicts.", Set.of("events_read", "false_alarm_rate", "false_alarms_per_day", "margin", "events",
                "pairs"));
        double read = f.optionalNumber(v, "verdicts.events_read", 0, 1);
        double rate = f.optionalNumber(v, "verdicts.false_alarm_rate", 0, 1);
        double perDay = f.optionalNumber(v, "verdicts.false_alarms_per_day", 0, 1e12);
        double margin = f.number(v, "verdicts.margin", 1e-9, 0.999);
        TreeMap<String, Separation> events = new TreeMap<>();
        for (Separation x : separations(f, v, "verdicts.events", 1)) {
            if (events.put(x.events().get(0), x) != null) {
                throw f.fail("verdicts.events", "event '" + x.events().get(0) + "' appears twice");
            }
        }
        try {
            return new Verdicts(read, rate, perDay, margin, events, separations(f, v, "verdicts.pairs", 2));
        } catch (IllegalArgumentException e) {
            throw f.fail("verdicts", e.getMessage());
        }
    }

    private static List<Separation> separations(Fields f, JsonNode parent, String path, int size)
            throws SignatureFormatException {
        JsonNode arr = parent.get(Fields.leaf(path));
        if (arr == null || !arr.isArray()) {
            throw f.fail(path, "expected an array");
        }
        List<Separation> out = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            Fields at = f.in(path, i);
            JsonNode x = arr.get(i);
            if (!x.isObject()) {
                throw at.fail("", "expected an object");
            }
            at.onlyKeys(x, "", SEPARATION_KEYS);
            List<String> events = at.texts(x, "events");
            if (events.size() != size) {
                throw at.fail("events", "expected " + size + (size == 1 ? " event" : " events") + ", found " + events);
            }
            JsonNode ci = x.get("ci95");
            if (ci == null || !ci.isArray() || ci.size() != 2 || !ci.get(0).isNumber() || !ci.get(1).isNumber()) {
                throw at.fail("ci95", "expected [low, high], found " + ci);
            }
            try {
                out.add(new Separation(events, (int) at.number(x, "right", 0, Integer.MAX_VALUE),
                        (int) at.number(x, "triggers", 0, Integer.MAX_VALUE),
                        at.optionalNumber(x, "accuracy", 0, 1), at.number(x, "chance", 0, 1),
                        ci.get(0).doubleValue(), ci.get(1).doubleValue(), at.number(x, "p_value", 0, 1),
                        Verdict.parse(at.text(x, "verdict")), (int) at.number(x, "more_triggers", -1,
                                Integer.MAX_VALUE)));
            } catch (IllegalArgumentException e) {
                throw at.fail("", e.getMessage());
            }
        }
        return out;
    }

    private static Provenance provenance(Fields f, JsonNode p) throws SignatureFormatException {
        f.onlyKeys(p, "provenance.", Set.of("tool", "created", "inputs"));
        JsonNode inputs = p.get("inputs");
        if (inputs == null || !inputs.isArray()) {
            throw f.fail("provenance.inputs", "expected an array of {role, name, sha256}");
        }
        List<Provenance.Input> list = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Fields at = f.in("provenance.inputs", i);
            JsonNode in = inputs.get(i);
            if (!in.isObject()) {
                throw at.fail("", "expected an object {role, name, sha256}");
            }
            at.onlyKeys(in, "", INPUT_KEYS);
            try {
                list.add(new Provenance.Input(at.text(in, "role"), at.text(in, "name"), at.text(in, "sha256")));
            } catch (IllegalArgumentException e) {
                throw at.fail("", e.getMessage());
            }
        }
        try {
            return new Provenance(f.text(p, "provenance.tool"), f.text(p, "provenance.created"), list);
        } catch (IllegalArgumentException e) {
            throw f.fail("provenance", e.getMessage());
        }
    }

    private static final Set<String> SAMPLE_KEYS = Set.of("label", "lengths");
    private static final Set<String> CONFUSION_KEYS = Set.of("actual", "predicted", "count", "of");
    private static final Set<String> SEPARATION_KEYS = Set.of("events", "right", "triggers", "accuracy", "ci95", "chance",
            "p_value", "verdict", "more_triggers");
    private static final Set<String> INPUT_KEYS = Set.of("role", "name", "sha256");

    /**
     * Typed field access with messages naming the file and the field. The fields of an element
     * ({@code samples[3]}) or of a map are given by their key under {@link #in}: their path is
     * only spelt out in a message (signatures hold hundreds of elements; building every path
     * cost start-up a third of the reading).
     */
    private record Fields(String file, String parent, int index) {
        Fields(String file) {
            this(file, null, -1);
        }

        /** Fields under {@code path} (a full path), or under its element {@code index} when not negative. */
        Fields in(String path, int index) {
            return new Fields(file, path, index);
        }

        SignatureFormatException fail(String field, String what) {
            String where = parent == null ? field
                    : parent + (index < 0 ? "" : "[" + index + "]") + (field.isEmpty() ? "" : "." + field);
            return new SignatureFormatException(file + ": field '" + where + "': " + what);
        }

        private static String leaf(String path) {
            return path.substring(path.lastIndexOf('.') + 1);
        }

        JsonNode object(JsonNode parent, String path) throws SignatureFormatException {
            JsonNode n = parent.get(leaf(path));
            if (n == null || !n.isObject()) {
                throw fail(path, "expected an object, found " + (n == null ? "nothing" : n.getNodeType().toString().toLowerCase()));
            }
            return n;
        }

        String text(JsonNode parent, String path) throws SignatureFormatException {
            JsonNode n = parent.get(leaf(path));
            if (n == null || !n.isTextual()) {
                throw fail(path, "expected a string, found " + (n == null ? "nothing" : n.toString()));
            }
            return n.textValue();
        }

        List<String> texts(JsonNode parent, String path) throws SignatureFormatException {
            JsonNode n = parent.get(leaf(path));
            if (n == null || !n.isArray()) {
                throw fail(path, "expected an array of strings, found " + (n == null ? "nothing" : n.toString()));
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < n.size(); i++) {
                if (!n.get(i).isTextual() || n.get(i).textValue().isEmpty()) {
                    throw fail(path + "[" + i + "]", "expected a non-empty string, found " + n.get(i));
                }
                out.add(n.get(i).textValue());
            }
            return out;
        }

        double number(JsonNode parent, String path, double min, double max) throws SignatureFormatException {
            JsonNode n = parent.get(leaf(path));
            if (n == null || !n.isNumber() || !Double.isFinite(n.doubleValue()) || n.doubleValue() < min
                    || n.doubleValue() > max) {
                throw fail(path, "expected a number in [" + fmt(min) + ", " + fmt(max) + "], found "
                        + (n == null ? "nothing" : n.toString()));
            }
            return n.doubleValue();
        }

        /** A number in range, or NaN when the field holds null. */
        double optionalNumber(JsonNode parent, String path, double min, double max) throws SignatureFormatException {
            JsonNode n = parent.get(leaf(path));
            return n != null && n.isNull() ? Double.NaN : number(parent, path, min, max);
        }

        private static String fmt(double v) {
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
        }

        void onlyKeys(JsonNode node, String prefix, Set<String> allowed) throws SignatureFormatException {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!allowed.contains(key)) {
                    throw fail(prefix + key, "unknown field, expected one of " + new TreeSet<>(allowed));
                }
            }
        }
    }

    /** Keeps Jackson from closing the atomic output's stream before the commit. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(java.io.OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }

    /** The mapper that writes signature files, made at the first write (reading needs none: start-up). */
    private static final class Writing {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

}
