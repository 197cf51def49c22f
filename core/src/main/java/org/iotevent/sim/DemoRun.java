package org.iotevent.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.iotevent.capture.CaptureReaders;
import org.iotevent.capture.PacketSource;
import org.iotevent.decode.LinkDecoder;
import org.iotevent.detect.Detection;
import org.iotevent.detect.DetectionFormat;
import org.iotevent.detect.DetectionPipeline;
import org.iotevent.detect.DetectionSink;
import org.iotevent.evaluate.Evaluation;
import org.iotevent.evaluate.EvaluationJson;
import org.iotevent.evaluate.Evaluator;
import org.iotevent.evaluate.EventReading;
import org.iotevent.evaluate.SignatureTraining;
import org.iotevent.evaluate.leakage.Leakage;
import org.iotevent.evaluate.leakage.LeakageJson;
import org.iotevent.evaluate.leakage.LeakageResult;
import org.iotevent.io.AtomicFileOutput;
import org.iotevent.signature.Classifiers;
import org.iotevent.signature.GroupedKnn;
import org.iotevent.signature.LabeledSample;
import org.iotevent.signature.PaperTrainer;
import org.iotevent.signature.Provenance;
import org.iotevent.signature.Signature;
import org.iotevent.signature.SignatureFile;
import org.iotevent.signature.TrainedModel;
import org.iotevent.traffic.BurstSegmenter;
import org.iotevent.traffic.DeviceSelector;
import org.iotevent.traffic.DeviceView;
import org.iotevent.traffic.Event;
import org.iotevent.traffic.EventLogReader;
import org.iotevent.traffic.EventPairer;
import org.iotevent.traffic.LabeledBurst;
import org.iotevent.traffic.LabeledTraffic;

/**
 * The whole job on a simulated home, as the paper's Table 2: simulate a training session and
 * learn every device's signature from its LAN capture (device by IP address), then simulate a
 * second, independent session and detect each device's events from the WiFi sniffer (device by
 * MAC address) and from the WAN side of the router (device by its cloud's domains, learnt from
 * the DNS answers in the capture). Each signature is scored on the second session exactly as
 * {@code evaluate -s} scores it ({@link Evaluator#scoreSession}): events read, false alarms and
 * verdicts first, the paper's formula (4) after them, every burst of the device once, its truth
 * from the session's event log (pairing window b).
 */
public final class DemoRun {
    /**
     * What to run.
     *
     * @param directory where the sessions, signatures and detections go
     * @param seed seed of the training session; the detection session uses {@code seed + 1}
     * @param trainRepetitions triggers of each event in the training session
     * @param testRepetitions triggers of each event in the detection session
     * @param spacingS seconds between two triggers of one device
     * @param noiseFraction unrelated packets inside event exchanges (both sessions)
     * @param tool the tool's name and version, for the signatures' provenance
     * @param created the creation time written into the signatures (ISO-8601)
     */
    public record Options(Path directory, long seed, int trainRepetitions, int testRepetitions, double spacingS,
            double noiseFraction, String tool, String created) {
        public Options {
            if (trainRepetitions < 2 || testRepetitions < 1 || !(spacingS >= 5) || !(noiseFraction >= 0)) {
                throw new IllegalArgumentException("demo options out of range: train " + trainRepetitions + ", test "
                        + testRepetitions + " repetitions, spacing " + spacingS + " s (>= 5), noise " + noiseFraction);
            }
        }
    }

    /**
     * One device's line of the table.
     *
     * @param device the device's name in the home
     * @param model its model (cloud, label, protocol, events)
     * @param wifi the score from the WiFi sniffer by classifier name (absent when the device had no burst)
     * @param wan the score from the WAN side by classifier name
     * @param wifiBursts bursts of the device judged from WiFi
     * @param wanBursts bursts of the device judged from the WAN side
     */
    public record Row(String device, DeviceModel model, Map<String, Evaluation> wifi, Map<String, Evaluation> wan,
            int wifiBursts, int wanBursts) {
        public Row {
            wifi = Map.copyOf(wifi);
            wan = Map.copyOf(wan);
        }
    }

    /**
     * What the demo found and wrote.
     *
     * @param rows one per device
     * @param classifiers the classifiers compared, the paper's first
     * @param train the training session
     * @param test the detection session
     * @param signatures the directory of the signature files
     * @param detections the directory of the detections (JSON Lines, one file per vantage point and device)
     * @param evaluations the directory of the scores on the detection session, as {@code evaluate --json}
     *     writes them with the bits leaked and a {@code vantage} key: {@code wifi/} and {@code wan/}, one
     *     file per device and classifier, named as the detections
     */
    public record Result(List<Row> rows, List<String> classifiers, SimulationSummary train, SimulationSummary test,
            Path signatures, Path detections, Path evaluations) {
        public Result {
            rows = List.copyOf(rows);
            classifiers = List.copyOf(classifiers);
        }
    }

    private DemoRun() {}

    /** Runs the demo on {@code home}. */
    public static Result run(Home home, Options o) throws IOException {
        int most = home.devices().stream().mapToInt(d -> d.model().events().size()).max().orElse(1);
        long spacing = (long) (o.spacingS() * 1e9);
        SimulationOptions base = SimulationOptions.defaults(o.seed()).withEventSpacingNanos(spacing)
                .withNoiseFraction(o.noiseFraction());
        SimulationOptions trainOptions = base.withRepetitions(o.trainRepetitions())
                .withVantages(EnumSet.of(Vantage.LAN));
        trainOptions = trainOptions.withDurationNanos(trainOptions.durationForRepetitions(most));
        SimulationSummary train = HomeSimulator.run(home, trainOptions, o.directory().resolve("train-session"));
        SimulationOptions testOptions = new SimulationOptions(o.seed() + 1,
                trainOptions.startNanos() + trainOptions.durationNanos() + 3_600_000_000_000L, 1, spacing,
                base.settleNanos(), o.testRepetitions(), false, o.noiseFraction(),
                EnumSet.of(Vantage.WAN, Vantage.WIFI));
        testOptions = testOptions.withDurationNanos(testOptions.durationForRepetitions(most));
        SimulationSummary test = HomeSimulator.run(home, testOptions, o.directory().resolve("test-session"));

        List<String> classifiers = new ArrayList<>(new TreeSet<>(Classifiers.NAMES));
        classifiers.remove(GroupedKnn.NAME);
        classifiers.add(0, GroupedKnn.NAME);
        // one signature per device in signatures/ (the default classifier), so detect -s signatures/ raises
        // each alert once; the paper method's beside it in signatures-paper/
        Path signatures = Files.createDirectories(o.directory().resolve("signatures"));
        Path paperSignatures = Files.createDirectories(o.directory().resolve("signatures-" + GroupedKnn.NAME));
        Path detections = o.directory().resolve("detections");
        Path evaluations = o.directory().resolve("evaluations");
        List<Row> rows = new ArrayList<>();
        // per classifier, each device's detection from WiFi and from the WAN side: one pass over each capture
        Map<String, List<DetectionPipeline.Device>> wifiWatch = new LinkedHashMap<>();
        Map<String, List<DetectionPipeline.Device>> wanWatch = new LinkedHashMap<>();
        for (int i = 0; i < home.devices().size(); i++) {
            Home.Device d = home.devices().get(i);
            List<Event> trainLog = EventLogReader.read(train.directory().resolve("events/" + d.name() + ".csv"));
            List<Event> testLog = EventLogReader.read(test.directory().resolve("events/" + d.name() + ".csv"));
            DeviceSelector lan = DeviceSelector.parse(HomeReader.dotted(Home.deviceAddress(i)), List.of());
            List<LabeledSample> samples = new ArrayList<>();
            for (LabeledBurst b : label(train.capture(Vantage.LAN), lan, trainLog)) {
                samples.add(LabeledSample.of(b));
            }
            DeviceSelector wifiSelector = DeviceSelector.parse(GroundTruth.mac(DeviceAgent.macOf(d, i)), List.of());
            DeviceSelector wanSelector = DeviceSelector.parse("wan:" + HomeReader.dotted(home.wanAddress()),
                    d.model().domains());
            List<LabeledBurst> wifiBursts = label(test.capture(Vantage.WIFI), wifiSelector, testLog);
            List<LabeledBurst> wanBursts = label(test.capture(Vantage.WAN), wanSelector, testLog);
            Map<String, Evaluation> wifi = new LinkedHashMap<>();
            Map<String, Evaluation> wan = new LinkedHashMap<>();
            double days = testOptions.durationNanos() / 86_400e9;
            // what any attack could learn from each vantage point does not depend on the classifier
            LeakageResult wifiLeakage = wifiBursts.isEmpty() ? null : new Leakage(o.seed()).measure(samples(wifiBursts));
            LeakageResult wanLeakage = wanBursts.isEmpty() ? null : new Leakage(o.seed()).measure(samples(wanBursts));
            for (String name : classifiers) {
                String suffix = name.equals(GroupedKnn.NAME) ? "" : "-" + name;
                var trainer = Classifiers.trainer(name, PaperTrainer.DEFAULT_K, o.seed());
                // as train -o: the verdicts are recorded so detect can say what an alert may be
                SignatureTraining training = new SignatureTraining(trainer, samples);
                TrainedModel model = training.model();
                EventReading reading = training.crossValidate(o.seed(), trainOptions.durationNanos() / 86_400e9,
                        (done, total) -> { });
                List<String> events = d.model().events().stream().map(DeviceModel.Event::name).toList();
                TreeSet<String> privacy = new TreeSet<>();
                d.model().events().stream().filter(DeviceModel.Event::privacy).forEach(e -> privacy.add(e.name()));
                Path capture = train.capture(Vantage.LAN);
                Path log = train.directory().resolve("events/" + d.name() + ".csv");
                Signature signature = new Signature(lan, BurstSegmenter.DEFAULT_GAP_NANOS,
                        EventPairer.DEFAULT_WINDOW_NANOS, Signature.LENGTH_LAYER, model.spec(), events, privacy,
                        samples, model.report(), new Provenance(o.tool(), o.created(),
                                List.of(Provenance.Input.of("capture", capture), Provenance.Input.of("events", log))),
                        reading == null ? null : reading.verdicts());
                Path folder = name.equals(GroupedKnn.NAME) ? paperSignatures : signatures;
                SignatureFile.write(signature, folder.resolve(d.name() + ".json"));
                wifiWatch.computeIfAbsent(name, n -> new ArrayList<>())
                        .add(DetectionPipeline.Device.of(d.name(), wifiSelector, signature));
                wanWatch.computeIfAbsent(name, n -> new ArrayList<>())
                        .add(DetectionPipeline.Device.of(d.name(), wanSelector, signature));
                int k = (int) model.spec().parameter("k", 0);
                if (!wifiBursts.isEmpty()) {
                    wifi.put(name, Evaluator.scoreSession(model.classifier(), k, samples(wifiBursts), days));
                    record(wifi.get(name), wifiLeakage, "WiFi", test.capture(Vantage.WIFI), name,
                            evaluations.resolve("wifi/" + d.name() + suffix + ".json"));
                }
                if (!wanBursts.isEmpty()) {
                    wan.put(name, Evaluator.scoreSession(model.classifier(), k, samples(wanBursts), days));
                    record(wan.get(name), wanLeakage, "WAN", test.capture(Vantage.WAN), name,
                            evaluations.resolve("wan/" + d.name() + suffix + ".json"));
                }
            }
            rows.add(new Row(d.name(), d.model(), wifi, wan, wifiBursts.size(), wanBursts.size()));
        }
        for (String name : classifiers) {
            String suffix = name.equals(GroupedKnn.NAME) ? "" : "-" + name;
            detect(test.capture(Vantage.WIFI), wifiWatch.get(name), detections.resolve("wifi"), suffix);
            detect(test.capture(Vantage.WAN), wanWatch.get(name), detections.resolve("wan"), suffix);
        }
        return new Result(rows, classifiers, train, test, signatures, detections, evaluations);
    }

    /** Writes a score on the detection session as {@code evaluate -s --json} would, with where it was measured. */
    private static void record(Evaluation e, LeakageResult leakage, String vantage, Path capture, String classifier,
            Path file) throws IOException {
        Map<String, String> about = new LinkedHashMap<>();
        about.put("input", capture.toString());
        about.put("classifier", classifier);
        about.put("method", "signature scored on the detection session");
        about.put("vantage", vantage);
        ObjectNode tree = EvaluationJson.toJson(e, about);
        LeakageJson.put(tree, leakage);
        Files.createDirectories(file.getParent());
        HomeSimulator.writeAtomically(file, out -> EvaluationJson.write(tree, out));
    }

    private static List<LabeledBurst> label(Path capture, DeviceSelector selector, List<Event> log) throws IOException {
        try (PacketSource source = CaptureReaders.open(capture)) {
            return LabeledTraffic.collect(source, new LinkDecoder(), new DeviceView(selector), log,
                    BurstSegmenter.DEFAULT_GAP_NANOS, EventPairer.DEFAULT_WINDOW_NANOS).bursts();
        }
    }

    private static List<LabeledSample> samples(List<LabeledBurst> bursts) {
        return bursts.stream().map(LabeledSample::of).toList();
    }

    /**
     * Detects the devices' events in {@code capture} in one pass and writes each device's
     * detections as JSON Lines to {@code DEVICE SUFFIX.jsonl} in {@code folder}.
     */
    private static void detect(Path capture, List<DetectionPipeline.Device> devices, Path folder, String suffix)
            throws IOException {
        Files.createDirectories(folder);
        List<AtomicFileOutput> files = new ArrayList<>();
        Map<String, Writer> writers = new LinkedHashMap<>();
        Map<String, DetectionSink> sinks = new LinkedHashMap<>();
        try {
            for (DetectionPipeline.Device d : devices) {
                AtomicFileOutput file = new AtomicFileOutput(folder.resolve(d.name() + suffix + ".jsonl"));
                files.add(file);
                Writer w = new OutputStreamWriter(file.stream(), StandardCharsets.UTF_8);
                writers.put(d.name(), w);
                sinks.put(d.name(), DetectionFormat.JSONL.open(w));
            }
            // the pipeline puts all devices in one time order; each device's file keeps its own
            DetectionSink byDevice = new DetectionSink() {
                @Override
                public void accept(Detection detection) throws IOException {
                    sinks.get(detection.device()).accept(detection);
                }

                @Override
                public void finish() throws IOException {
                    for (DetectionSink sink : sinks.values()) {
                        sink.finish();
                    }
                }
            };
            try (PacketSource source = CaptureReaders.open(capture)) {
                new DetectionPipeline(devices, byDevice).run(source);
            }
            for (Writer w : writers.values()) {
                w.flush();
            }
            for (AtomicFileOutput file : files) {
                file.commit();
            }
        } finally {
            for (AtomicFileOutput file : files) {
                file.close();
            }
        }
    }
}
