import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.iotevent.capture.CaptureReaders;
import org.iotevent.capture.PacketSource;
import org.iotevent.decode.LinkDecoder;
import org.iotevent.evaluate.Evaluator;
import org.iotevent.evaluate.IoTEventsReader;
import org.iotevent.signature.AlignmentClassifier;
import org.iotevent.signature.AlignmentTrainer;
import org.iotevent.signature.Classifier;
import org.iotevent.signature.LabeledSample;
import org.iotevent.signature.OpenSetRule;
import org.iotevent.signature.PaperTrainer;
import org.iotevent.signature.Trainer;
import org.iotevent.sim.Home;
import org.iotevent.sim.HomeSimulator;
import org.iotevent.sim.SimulationOptions;
import org.iotevent.sim.Vantage;
import org.iotevent.traffic.Burst;
import org.iotevent.traffic.BurstSegmenter;
import org.iotevent.traffic.DeviceSelector;
import org.iotevent.traffic.DeviceTraffic;
import org.iotevent.traffic.DeviceView;
import org.iotevent.traffic.Event;
import org.iotevent.traffic.EventLogReader;
import org.iotevent.traffic.EventPairer;
import org.iotevent.traffic.ParameterEstimator;

/**
 * Side-by-side measurements of issue 5, paper method (k = 1) against the new default (align,
 * k chosen on a held-out split, open-set on), in one run. Run through bench/better.sh.
 */
public class BetterBench {
    static final Home HOME;
    static {
        try {
            HOME = org.iotevent.sim.HomeReader.defaultHome();
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }
    static final long S = 1_000_000_000L;
    static final Map<String, java.util.function.Supplier<Trainer>> METHODS = new LinkedHashMap<>();
    static {
        METHODS.put("paper", () -> new PaperTrainer(new int[] {1}, 1));
        METHODS.put("align", () -> new AlignmentTrainer(AlignmentTrainer.DEFAULT_K, 1, OpenSetRule.DEFAULT));
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "target/bench-better");
        String iotevents = args.length > 1 ? args[1] : "";
        Files.createDirectories(work);
        ioTEvents(iotevents);
        Map<Double, Path[]> sessions = new LinkedHashMap<>();
        for (double noise : new double[] {0, 0.05, 0.10, 0.20}) {
            Path train = simulate(work.resolve("train-" + noise), 11, 4, noise, false);
            Path test = simulate(work.resolve("test-" + noise), 12, 2, noise, false);
            sessions.put(noise, new Path[] {train, test});
        }
        System.out.println();
        System.out.println("## Simulated home (9 devices, LAN capture), train 4 h seed 11, test 2 h seed 12, a and b estimated");
        System.out.println("| interleaved packets | paper | align (default) | unknown (align) |");
        System.out.println("|---:|---:|---:|---:|");
        Map<String, Map<String, Model>> models002 = null;
        for (var e : sessions.entrySet()) {
            Map<String, Map<String, Model>> models = train(e.getValue()[0]);
            double[] paper = test(models, "paper", e.getValue()[1]);
            double[] align = test(models, "align", e.getValue()[1]);
            System.out.printf("| %.0f %% | %.1f %% | %.1f %% | %.1f %% |%n", 100 * e.getKey(), 100 * paper[0], 100 * align[0],
                    100 * align[1]);
            if (e.getKey() == 0.05) {
                models002 = models;
            }
        }
        Path day = simulate(work.resolve("background-day"), 13, 24, 0.05, true);
        System.out.println();
        System.out.println("## Background only: a simulated day with no triggered events (models of the 5 % session)");
        System.out.println("| method | bursts | false alarms (privacy events) | any event | per day |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (String method : METHODS.keySet()) {
            long[] fa = falseAlarms(models002, method, day);
            System.out.printf("| %s | %d | %d | %d | %d |%n", method, fa[0], fa[1], fa[2], fa[1]);
        }
        System.out.println();
        System.out.println("## Detection throughput (read, decode, 9 device views, segmentation, classification)");
        System.out.println("over the background day and the 4 h training session with 10 % interleaved packets; 3 warm-up");
        System.out.println("runs each, then 11 runs alternating between the methods");
        Path busy = sessions.get(0.10)[0];
        long packets = countPackets(day) + countPackets(busy);
        Map<String, List<Double>> times = new LinkedHashMap<>();
        for (int r = 0; r < 14; r++) {
            for (String method : METHODS.keySet()) {
                long t0 = System.nanoTime();
                detectAll(models002, method, day);
                detectAll(models002, method, busy);
                if (r >= 3) {
                    times.computeIfAbsent(method, m -> new ArrayList<>()).add((System.nanoTime() - t0) / 1e9);
                }
            }
        }
        double paperMedian = median(times.get("paper"));
        for (String method : METHODS.keySet()) {
            double m = median(times.get(method));
            System.out.printf("%-6s median %.3f s, %.2f M packets/s, time %.2fx the paper method's%n", method, m,
                    packets / m / 1e6, m / paperMedian);
        }
    }

    static void ioTEvents(String folder) throws IOException {
        System.out.println("## IoTEvents sequences: mean accuracy of 100 seeded stratified 80/20 splits (seed 1)");
        Path dir = Path.of(folder);
        if (folder.isEmpty() || !Files.isDirectory(dir)) {
            System.out.println("(skipped: " + (folder.isEmpty() ? "no IOTEVENTS_DIR given" : dir + " absent") + ")");
            return;
        }
        System.out.println("| file | paper (k=1) | align (default) |");
        System.out.println("|---|---:|---:|");
        for (String f : new String[] {"12_27jdgn_cz", "12_31tuya_cz", "12_31jdsp_cz", "12_31samsung_dp", "12_30samsung_renti"}) {
            List<LabeledSample> samples = IoTEventsReader.read(dir.resolve(f + ".txt")).samples();
            double p = new Evaluator(METHODS.get("paper").get(), null, new int[0]).evaluate(samples, 100, 1).accuracy();
            double a = new Evaluator(METHODS.get("align").get(), null, new int[0]).evaluate(samples, 100, 1).accuracy();
            System.out.printf("| %s | %.1f | %.1f |%n", f, 100 * p, 100 * a);
        }
    }

    static Path simulate(Path dir, long seed, int hours, double noise, boolean backgroundOnly) throws IOException {
        if (!Files.exists(dir.resolve("lan.pcap"))) {
            SimulationOptions o = SimulationOptions.defaults(seed).withDurationNanos(hours * 3600 * S).withNoiseFraction(noise)
                    .withBackgroundOnly(backgroundOnly).withVantages(EnumSet.of(Vantage.LAN));
            HomeSimulator.run(HOME, o, dir);
        }
        return dir;
    }

    /** A device's trained classifier with the a and b it was trained with. */
    record Model(Classifier classifier, long a, long b, Set<String> privacy) {}

    static List<String> devices() {
        return HOME.devices().stream().map(Home.Device::name).toList();
    }

    static DeviceView view(int d) {
        return new DeviceView(DeviceSelector.parse(org.iotevent.sim.HomeReader.dotted(Home.deviceAddress(d)), List.of()));
    }

    static List<List<Burst>> bursts(Path capture, long[] gaps) throws IOException {
        List<DeviceView> views = new ArrayList<>();
        List<BurstSegmenter> segs = new ArrayList<>();
        List<List<Burst>> out = new ArrayList<>();
        for (int d = 0; d < gaps.length; d++) {
            List<Burst> list = new ArrayList<>();
            out.add(list);
            views.add(view(d));
            segs.add(new BurstSegmenter(gaps[d], BurstSegmenter.DEFAULT_MAX_PACKETS, list::add));
        }
        try (PacketSource src = CaptureReaders.open(capture)) {
            DeviceTraffic.runAll(src, new LinkDecoder(), views, segs);
        }
        return out;
    }

    static Map<String, Map<String, Model>> train(Path session) throws IOException {
        int n = devices().size();
        long[] one = new long[n];
        Arrays.fill(one, 1);
        List<List<Burst>> packets = bursts(session.resolve("lan.pcap"), one);
        long[] a = new long[n];
        long[] b = new long[n];
        List<List<Event>> events = new ArrayList<>();
        for (int d = 0; d < n; d++) {
            List<Event> ev = EventLogReader.read(session.resolve("events").resolve(devices().get(d) + ".csv"));
            events.add(ev);
            long[] times = packets.get(d).stream().mapToLong(Burst::startNanos).toArray();
            ParameterEstimator.Estimate est = ParameterEstimator.estimate(times, ev.stream().mapToLong(Event::timeNanos).toArray());
            a[d] = est.gapNanos();
            b[d] = est.windowNanos();
        }
        List<List<Burst>> bursts = bursts(session.resolve("lan.pcap"), a);
        Map<String, Map<String, Model>> models = new LinkedHashMap<>();
        for (int d = 0; d < n; d++) {
            EventPairer pairer = new EventPairer(events.get(d), b[d]);
            List<LabeledSample> samples = bursts.get(d).stream().map(pairer::pair)
                    .map(lb -> new LabeledSample(lb.label(), lb.burst().signedLengths())).toList();
            Set<String> privacy = Set.copyOf(HOME.devices().get(d).model().events().stream()
                    .filter(org.iotevent.sim.DeviceModel.Event::privacy).map(org.iotevent.sim.DeviceModel.Event::name).toList());
            for (var m : METHODS.entrySet()) {
                models.computeIfAbsent(m.getKey(), k -> new LinkedHashMap<>()).put(devices().get(d),
                        new Model(m.getValue().get().train(samples).classifier(), a[d], b[d], privacy));
            }
        }
        return models;
    }

    /** Formula (4) accuracy over every burst of every device, and the fraction said unknown. */
    static double[] test(Map<String, Map<String, Model>> models, String method, Path session) throws IOException {
        Map<String, Model> m = models.get(method);
        long[] a = devices().stream().mapToLong(d -> m.get(d).a()).toArray();
        List<List<Burst>> bursts = bursts(session.resolve("lan.pcap"), a);
        long right = 0;
        long total = 0;
        long unknown = 0;
        for (int d = 0; d < a.length; d++) {
            Model model = m.get(devices().get(d));
            EventPairer pairer = new EventPairer(EventLogReader.read(session.resolve("events").resolve(devices().get(d) + ".csv")),
                    model.b());
            for (Burst burst : bursts.get(d)) {
                String actual = pairer.pair(burst).label();
                String predicted = model.classifier().classify(burst.signedLengths()).label();
                boolean negative = predicted.equals(EventPairer.OTHER) || predicted.equals(AlignmentClassifier.UNKNOWN);
                right += actual.equals(predicted) || (actual.equals(EventPairer.OTHER) && negative) ? 1 : 0;
                unknown += predicted.equals(AlignmentClassifier.UNKNOWN) ? 1 : 0;
                total++;
            }
        }
        return new double[] {(double) right / total, (double) unknown / total};
    }

    /** Bursts, bursts labelled a privacy event, bursts labelled any event. */
    static long[] falseAlarms(Map<String, Map<String, Model>> models, String method, Path session) throws IOException {
        Map<String, Model> m = models.get(method);
        long[] a = devices().stream().mapToLong(d -> m.get(d).a()).toArray();
        List<List<Burst>> bursts = bursts(session.resolve("lan.pcap"), a);
        long[] out = new long[3];
        for (int d = 0; d < a.length; d++) {
            Model model = m.get(devices().get(d));
            for (Burst burst : bursts.get(d)) {
                String predicted = model.classifier().classify(burst.signedLengths()).label();
                out[0]++;
                out[1] += model.privacy().contains(predicted) ? 1 : 0;
                out[2] += predicted.equals(EventPairer.OTHER) || predicted.equals(AlignmentClassifier.UNKNOWN) ? 0 : 1;
            }
        }
        return out;
    }

    static long detectAll(Map<String, Map<String, Model>> models, String method, Path session) throws IOException {
        Map<String, Model> m = models.get(method);
        List<DeviceView> views = new ArrayList<>();
        List<BurstSegmenter> segs = new ArrayList<>();
        long[] alerts = new long[1];
        for (int d = 0; d < devices().size(); d++) {
            Model model = m.get(devices().get(d));
            views.add(view(d));
            segs.add(new BurstSegmenter(model.a(), BurstSegmenter.DEFAULT_MAX_PACKETS, burst -> {
                if (model.privacy().contains(model.classifier().classify(burst.signedLengths()).label())) {
                    alerts[0]++;
                }
            }));
        }
        try (PacketSource src = CaptureReaders.open(session.resolve("lan.pcap"))) {
            DeviceTraffic.runAll(src, new LinkDecoder(), views, segs);
        }
        return alerts[0];
    }

    static long countPackets(Path session) throws IOException {
        try (PacketSource src = CaptureReaders.open(session.resolve("lan.pcap"))) {
            org.iotevent.capture.CaptureRecord r = new org.iotevent.capture.CaptureRecord();
            long n = 0;
            while (src.next(r)) {
                n++;
            }
            return n;
        }
    }

    static double median(List<Double> xs) {
        double[] s = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s[s.length / 2];
    }
}
