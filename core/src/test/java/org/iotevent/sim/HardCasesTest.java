package org.iotevent.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.iotevent.capture.CaptureReaders;
import org.iotevent.capture.PacketSource;
import org.iotevent.decode.LinkDecoder;
import org.iotevent.traffic.DeviceSelector;
import org.iotevent.traffic.DeviceView;
import org.iotevent.traffic.EventLogReader;
import org.iotevent.traffic.LabeledBurst;
import org.iotevent.traffic.LabeledTraffic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator's hard cases (issue 10): devices and logs on which the naive method tells the wrong story. */
class HardCasesTest {
    private static final long SECOND = 1_000_000_000L;

    /** The bursts of a one-device home's LAN capture, paired at a = 1 s, b = 3 s, by label. */
    static Map<String, List<int[]>> burstsByLabel(Path dir) throws IOException {
        LabeledTraffic t;
        try (PacketSource source = CaptureReaders.open(dir.resolve("lan.pcap"))) {
            t = LabeledTraffic.collect(source, new LinkDecoder(),
                    new DeviceView(DeviceSelector.parse("192.168.1.100", List.of())),
                    EventLogReader.read(dir.resolve("events.csv").getParent().resolve("events")
                            .resolve(firstDevice(dir) + ".csv")), SECOND, 3 * SECOND);
        }
        Map<String, List<int[]>> out = new HashMap<>();
        for (LabeledBurst b : t.bursts()) {
            out.computeIfAbsent(b.label(), k -> new ArrayList<>()).add(b.burst().signedLengths());
        }
        return out;
    }

    private static String firstDevice(Path dir) throws IOException {
        try (var files = java.nio.file.Files.list(dir.resolve("events"))) {
            return files.map(p -> p.getFileName().toString().replace(".csv", "")).sorted().findFirst().orElseThrow();
        }
    }

    @Test
    void theTwinLockLocksAndUnlocksWithTheSameExchangeButOnePacketOfFreeLength(@TempDir Path dir) throws IOException {
        SimulationOptions o = SimulationOptions.defaults(3).withRepetitions(30).withNoiseFraction(0)
                .withVantages(EnumSet.of(Vantage.LAN));
        HomeSimulator.run(HomeReader.resolve("twin-lock"), o.withDurationNanos(o.durationForRepetitions(3)), dir);
        Map<String, List<int[]>> bursts = burstsByLabel(dir);
        assertThat(bursts.get("lock")).hasSize(30);
        assertThat(bursts.get("unlock")).hasSize(30);
        // every packet but the state report (IP length 230 +- 12 + 40) has one length, the same for both events
        Map<String, List<Integer>> report = new HashMap<>();
        java.util.Set<String> rest = new java.util.HashSet<>();
        for (String event : List.of("lock", "unlock")) {
            for (int[] b : bursts.get(event)) {
                int[] without = b.clone();
                for (int i = 0; i < b.length; i++) {
                    if (-b[i] >= 258 && -b[i] <= 282) {
                        report.computeIfAbsent(event, k -> new ArrayList<>()).add(-b[i]);
                        without[i] = 0;
                    }
                }
                rest.add(java.util.Arrays.toString(without));
            }
        }
        assertThat(rest).as("the exchange without the state report").hasSizeLessThanOrEqualTo(3);
        for (String event : List.of("lock", "unlock")) {
            List<Integer> r = report.get(event);
            assertThat(r).as(event).hasSizeGreaterThan(25);
            assertThat(r.stream().mapToInt(Integer::intValue).max().getAsInt()
                    - r.stream().mapToInt(Integer::intValue).min().getAsInt()).as(event + " report spread").isGreaterThan(15);
        }
    }
}
