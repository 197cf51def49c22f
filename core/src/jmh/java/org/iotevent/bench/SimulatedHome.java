package org.iotevent.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.iotevent.capture.CaptureReaders;
import org.iotevent.capture.CaptureRecord;
import org.iotevent.capture.PacketSource;
import org.iotevent.decode.LinkDecoder;
import org.iotevent.signature.Classifier;
import org.iotevent.signature.Classifiers;
import org.iotevent.signature.LabeledSample;
import org.iotevent.signature.PaperTrainer;
import org.iotevent.sim.Home;
import org.iotevent.sim.HomeReader;
import org.iotevent.sim.HomeSimulator;
import org.iotevent.sim.SimulationOptions;
import org.iotevent.sim.Vantage;
import org.iotevent.traffic.BurstSegmenter;
import org.iotevent.traffic.DeviceSelector;
import org.iotevent.traffic.DeviceView;
import org.iotevent.traffic.EventLogReader;
import org.iotevent.traffic.EventPairer;
import org.iotevent.traffic.LabeledBurst;
import org.iotevent.traffic.LabeledTraffic;

/**
 * The benchmarks' data, made once per JVM in a temporary folder deleted at exit: the embedded
 * home of nine devices simulated for {@value #HOURS} hours on the LAN (as the issue 17 capture,
 * spacing 30 s), and a training session of 20 triggers per event from which each device's
 * labelled bursts come.
 */
final class SimulatedHome {
    static final int HOURS = 24;
    private static SimulatedHome instance;

    final Home home = HomeReader.defaultHome();
    final Path capture;
    /** Per device: its LAN selector and its labelled training bursts. */
    final List<DeviceSelector> selectors = new ArrayList<>();
    final List<List<LabeledSample>> samples = new ArrayList<>();

    private SimulatedHome(Path dir) throws IOException {
        long spacing = 30_000_000_000L;
        SimulationOptions detect = SimulationOptions.defaults(3).withEventSpacingNanos(spacing)
                .withDurationNanos(HOURS * 3_600_000_000_000L).withVantages(EnumSet.of(Vantage.LAN));
        capture = HomeSimulator.run(home, detect, dir.resolve("detect")).capture(Vantage.LAN);
        SimulationOptions train = SimulationOptions.defaults(1).withEventSpacingNanos(20_000_000_000L).withRepetitions(20)
                .withVantages(EnumSet.of(Vantage.LAN));
        train = train.withDurationNanos(train.durationForRepetitions(
                home.devices().stream().mapToInt(d -> d.model().events().size()).max().orElse(1)));
        Path session = HomeSimulator.run(home, train, dir.resolve("train")).directory();
        for (int i = 0; i < home.devices().size(); i++) {
            DeviceSelector lan = DeviceSelector.parse(HomeReader.dotted(Home.deviceAddress(i)), List.of());
            selectors.add(lan);
            List<LabeledSample> s = new ArrayList<>();
            try (PacketSource source = CaptureReaders.open(session.resolve("lan.pcap"))) {
                for (LabeledBurst b : LabeledTraffic.collect(source, new LinkDecoder(), new DeviceView(lan),
                        EventLogReader.read(session.resolve("events/" + home.devices().get(i).name() + ".csv")),
                        BurstSegmenter.DEFAULT_GAP_NANOS,
                        EventPairer.DEFAULT_WINDOW_NANOS).bursts()) {
                    s.add(LabeledSample.of(b));
                }
            }
            samples.add(s);
        }
    }

    static synchronized SimulatedHome get() {
        if (instance == null) {
            try {
                Path dir = Files.createTempDirectory("iotevent-jmh");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
                instance = new SimulatedHome(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    /** Device {@code device}'s classifier trained by {@code name} (align or paper). */
    Classifier classifier(String name, int device) {
        return Classifiers.trainer(name, PaperTrainer.DEFAULT_K, 1).train(samples.get(device)).classifier();
    }

    /** Every record of the capture, copied into heap buffers (for passes without the reader). */
    List<CaptureRecord> records() throws IOException {
        List<CaptureRecord> out = new ArrayList<>();
        try (PacketSource source = CaptureReaders.open(capture)) {
            CaptureRecord r = new CaptureRecord();
            while (source.next(r)) {
                CaptureRecord c = new CaptureRecord();
                c.frameNumber = r.frameNumber;
                c.timestampNanos = r.timestampNanos;
                c.timestampSeconds = r.timestampSeconds;
                c.timestampFractionNanos = r.timestampFractionNanos;
                c.hasTimestamp = r.hasTimestamp;
                c.wireLength = r.wireLength;
                c.capturedLength = r.capturedLength;
                c.linkType = r.linkType;
                c.fcsLength = r.fcsLength;
                c.data = ByteBuffer.wrap(r.copyBytes());
                c.dataOffset = 0;
                out.add(c);
            }
        }
        return out;
    }

    private static void delete(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is no failure of the benchmark
        }
    }
}
