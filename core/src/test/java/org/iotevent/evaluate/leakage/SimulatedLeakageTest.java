package org.iotevent.evaluate.leakage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.iotevent.capture.CaptureReaders;
import org.iotevent.capture.PacketSource;
import org.iotevent.decode.LinkDecoder;
import org.iotevent.signature.LabeledSample;
import org.iotevent.sim.HomeReader;
import org.iotevent.sim.HomeSimulator;
import org.iotevent.sim.SimulationOptions;
import org.iotevent.sim.Vantage;
import org.iotevent.traffic.DeviceSelector;
import org.iotevent.traffic.DeviceView;
import org.iotevent.traffic.EventLogReader;
import org.iotevent.traffic.LabeledTraffic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through the simulator and the whole capture path: the twin lock's lock and unlock are one exchange
 * whose state report varies by +-12 bytes independently of the event (its model's own distribution),
 * and passcode_add is a different exchange. Between the three events, equally often triggered,
 * I = log2(3) - 2/3 bit (lock and unlock share one bit of confusion) and the best accuracy is 2/3;
 * lock against unlock, 0 bits and chance.
 */
class SimulatedLeakageTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void theTwinLockLeaksWhichOfItsTwoKindsOfEventsButNotLockFromUnlock(@TempDir Path dir) throws Exception {
        SimulationOptions o = SimulationOptions.defaults(3).withRepetitions(40).withNoiseFraction(0)
                .withVantages(EnumSet.of(Vantage.LAN));
        HomeSimulator.run(HomeReader.resolve("twin-lock"), o.withDurationNanos(o.durationForRepetitions(3)), dir);
        LabeledTraffic t;
        try (PacketSource source = CaptureReaders.open(dir.resolve("lan.pcap"))) {
            t = LabeledTraffic.collect(source, new LinkDecoder(), new DeviceView(DeviceSelector.parse("192.168.1.100", List.of())),
                    EventLogReader.read(dir.resolve("events/twin-lock.csv")), SECOND, 3 * SECOND);
        }
        List<LabeledSample> samples = t.bursts().stream().map(LabeledSample::of).toList();
        LeakageResult r = new Leakage(1).measure(samples);

        LeakageFigures events = r.events();
        assertThat(events.labels()).containsExactly("lock", "passcode_add", "unlock");
        double log2of3 = Math.log(3) / Math.log(2);
        assertThat(events.entropyBits()).isCloseTo(log2of3, offset(0.01));
        double exact = log2of3 - 2.0 / 3;
        assertThat(exact).isBetween(events.bits().low(), events.bits().high());
        assertThat(2.0 / 3).isBetween(events.nnAccuracy().low(), events.bestAccuracy().high());

        LeakageFigures twins = r.pair("lock", "unlock").orElseThrow().figures();
        assertThat(twins.bits().low()).isCloseTo(0, offset(1e-9));
        assertThat(twins.bits().value()).isLessThan(0.1);
        assertThat(0.5).isBetween(twins.bestAccuracy().low(), twins.bestAccuracy().high());
        // the report's length repeats rarely: exact-identity plug-in reads information that is not there
        assertThat(twins.pluginBits()).isGreaterThan(twins.bits().value());

        LeakageFigures passcode = r.pair("lock", "passcode_add").orElseThrow().figures();
        assertThat(passcode.bits().value()).isCloseTo(passcode.entropyBits(), offset(0.05));
        assertThat(passcode.bestAccuracy().value()).isEqualTo(1.0);
    }
}
