package org.iotevent.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.iotevent.capture.CaptureFormatException;
import org.iotevent.capture.CaptureReaders;
import org.iotevent.capture.PacketSource;
import org.iotevent.decode.LinkDecoder;
import org.iotevent.signature.Classifiers;
import org.iotevent.signature.LabeledSample;
import org.iotevent.signature.PaperTrainer;
import org.iotevent.sim.DeviceModel;
import org.iotevent.sim.Home;
import org.iotevent.sim.HomeReader;
import org.iotevent.sim.HomeSimulator;
import org.iotevent.sim.SimulationOptions;
import org.iotevent.sim.Vantage;
import org.iotevent.traffic.DeviceSelector;
import org.iotevent.traffic.DeviceView;
import org.iotevent.traffic.EventLogReader;
import org.iotevent.traffic.EventPairer;
import org.iotevent.traffic.LabeledBurst;
import org.iotevent.traffic.LabeledTraffic;
import org.iotevent.traffic.TrafficStats;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Detection on two threads (one reads and labels, one names, orders and writes) writes exactly
 * what one thread writes, in the same order, on a whole simulated home of nine devices whose
 * bursts interleave; and after a damaged capture, the same detections before the fault.
 */
class TwoThreadDetectionTest {
    @TempDir
    static Path dir;
    static Path capture;
    static List<DetectionPipeline.Device> devices = new ArrayList<>();

    @BeforeAll
    static void home() throws IOException {
        Home home = HomeReader.defaultHome();
        SimulationOptions train = SimulationOptions.defaults(1).withEventSpacingNanos(20_000_000_000L).withRepetitions(10)
                .withVantages(EnumSet.of(Vantage.LAN));
        train = train.withDurationNanos(train.durationForRepetitions(
                home.devices().stream().mapToInt(d -> d.model().events().size()).max().orElse(1)));
        Path session = HomeSimulator.run(home, train, dir.resolve("train")).directory();
        capture = HomeSimulator.run(home, SimulationOptions.defaults(3).withEventSpacingNanos(30_000_000_000L)
                .withDurationNanos(6 * 3_600_000_000_000L).withVantages(EnumSet.of(Vantage.LAN)), dir.resolve("detect"))
                .capture(Vantage.LAN);
        for (int i = 0; i < home.devices().size(); i++) {
            Home.Device d = home.devices().get(i);
            DeviceSelector lan = DeviceSelector.parse(HomeReader.dotted(Home.deviceAddress(i)), List.of());
            List<LabeledSample> samples = new ArrayList<>();
            try (PacketSource source = CaptureReaders.open(session.resolve("lan.pcap"))) {
                for (LabeledBurst b : LabeledTraffic.collect(source, new LinkDecoder(), new DeviceView(lan),
                        EventLogReader.read(session.resolve("events/" + d.name() + ".csv")), 1_000_000_000L,
                        EventPairer.DEFAULT_WINDOW_NANOS).bursts()) {
                    samples.add(LabeledSample.of(b));
                }
            }
            Set<String> privacy = new TreeSet<>();
            d.model().events().stream().filter(DeviceModel.Event::privacy).forEach(e -> privacy.add(e.name()));
            // alternate the two classifiers, and a gap other than 1 s on some devices
            String classifier = i % 2 == 0 ? "align" : "paper";
            devices.add(new DetectionPipeline.Device(d.name(), lan, new Detector(
                    Classifiers.trainer(classifier, PaperTrainer.DEFAULT_K, 1).train(samples).classifier(), privacy),
                    i % 3 == 0 ? 700_000_000L : 1_000_000_000L));
        }
    }

    /** What one run wrote and heard. */
    private record Run(String out, List<String> heard, Set<String> threads, List<TrafficStats> stats, Exception failure) {}

    private static Run run(Path file, int threads, DetectionFormat format) throws IOException {
        StringWriter out = new StringWriter();
        List<String> heard = new ArrayList<>();
        Set<String> names = new TreeSet<>();
        DetectionPipeline pipeline = new DetectionPipeline(devices, format.open(out)).threads(threads)
                .listener((device, d) -> {
                    heard.add(device + " " + d.uid() + " " + d.event().event());
                    names.add(Thread.currentThread().getName());
                });
        List<TrafficStats> stats = null;
        Exception failure = null;
        try (PacketSource source = CaptureReaders.open(file)) {
            stats = pipeline.run(source);
        } catch (CaptureFormatException e) {
            failure = e;
        }
        return new Run(out.toString(), heard, names, stats, failure);
    }

    @Test
    void twoThreadsWriteWhatOneWritesInTheSameOrder() throws IOException {
        for (DetectionFormat format : DetectionFormat.values()) {
            Run one = run(capture, 1, format);
            Run two = run(capture, 2, format);
            assertThat(one.out().lines().count()).as("a home's worth of detections").isGreaterThan(5000);
            assertThat(two.out()).isEqualTo(one.out());
            assertThat(two.heard()).isEqualTo(one.heard());
            assertThat(two.stats()).isEqualTo(one.stats());
            assertThat(one.threads()).containsExactly(Thread.currentThread().getName());
            assertThat(two.threads()).containsExactly("iotevent-detections");
        }
    }

    @Test
    void afterADamagedCaptureBothWriteTheSameDetectionsAndFail() throws IOException {
        // the captured length of the first record past the middle claims 2 GB: the reader stops there with an error
        byte[] bytes = Files.readAllBytes(capture);
        long header;
        try (PacketSource source = CaptureReaders.open(capture)) {
            org.iotevent.capture.CaptureRecord r = new org.iotevent.capture.CaptureRecord();
            while (source.next(r) && r.fileOffset < bytes.length / 2) {
                // walk to the middle
            }
            header = r.fileOffset;
        }
        for (int i = 8; i < 12; i++) {
            bytes[(int) header + i] = 0x7f;
        }
        Path cut = dir.resolve("damaged.pcap");
        Files.write(cut, bytes);
        Run one = run(cut, 1, DetectionFormat.JSONL);
        Run two = run(cut, 2, DetectionFormat.JSONL);
        assertThat(one.failure()).isInstanceOf(CaptureFormatException.class);
        assertThat(two.failure()).isInstanceOf(CaptureFormatException.class).hasMessage(one.failure().getMessage());
        assertThat(one.out().lines().count()).isGreaterThan(1000);
        assertThat(two.out()).isEqualTo(one.out());
        assertThatThrownBy(() -> new DetectionPipeline(devices, DetectionFormat.CSV.open(new StringWriter())).threads(3))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
