package org.iotevent.evaluate.defence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.iotevent.capture.CaptureReaders;
import org.iotevent.capture.PacketSource;
import org.iotevent.decode.LinkDecoder;
import org.iotevent.signature.PaperTrainer;
import org.iotevent.sim.HomeReader;
import org.iotevent.sim.HomeSimulator;
import org.iotevent.sim.SimulationOptions;
import org.iotevent.sim.Vantage;
import org.iotevent.traffic.DeviceSelector;
import org.iotevent.traffic.Event;
import org.iotevent.traffic.EventLogReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The attack rerun on defended traffic of a simulated home of nine devices (LAN capture). */
class DefenceEvaluatorTest {
    @TempDir
    static Path dir;
    static CaptureTraces traces;
    static List<Event> events;
    static DefenceEvaluation result;

    @BeforeAll
    static void simulateAndDefend() throws Exception {
        SimulationOptions options = SimulationOptions.defaults(3).withDurationNanos(7_200_000_000_000L)
                .withVantages(EnumSet.of(Vantage.LAN));
        HomeSimulator.run(HomeReader.defaultHome(), options, dir);
        try (PacketSource source = CaptureReaders.open(dir.resolve("lan.pcap"))) {
            traces = CaptureTraces.read(source, new LinkDecoder(), DeviceSelector.parse("192.168.1.104", List.of()));
        }
        events = EventLogReader.read(dir.resolve("events/tuya-plug.csv"));
        double coverRate = events.size() / ((traces.device().time(traces.device().size() - 1) - traces.device().time(0))
                / 1e9);
        DefenceEvaluator evaluator = new DefenceEvaluator(1_000_000_000L, 3_000_000_000L,
                new PaperTrainer(PaperTrainer.DEFAULT_K, 1), 5, 1);
        result = evaluator.run("192.168.1.104", "lan.pcap", "tuya-plug.csv", "paper", traces, events,
                Defences.standard(coverRate));
    }

    @Test
    void homeTraceHoldsMoreThanTheDevice() {
        assertThat(traces.homeIsDevice()).isFalse();
        assertThat(traces.home().size()).isGreaterThan(3 * traces.device().size());
    }

    @Test
    void baselineAttackReadsTheEvents() {
        assertThat(result.baseline().accuracy()).isGreaterThan(0.8);
        assertThat(result.baseline().eventsRead()).isGreaterThan(0.8);
    }

    @Test
    void everyDefenceIsMeasuredOnceWithItsCost() {
        assertThat(result.results()).extracting(DefenceResult::label).doesNotHaveDuplicates().hasSize(10);
        for (DefenceResult r : result.results()) {
            boolean shaping = r.defence().equals("shaping");
            assertThat(r.extraPackets() > 0).as(r.label() + " adds packets").isEqualTo(shaping);
            assertThat(r.addedLatencyMillis() > 0).as(r.label() + " delays packets").isEqualTo(shaping);
            assertThat(r.extraBytesPercent()).as(r.label() + " adds bytes").isPositive();
        }
    }

    @Test
    void smallBlocksAreCheapButLeakWhileShapingAndTheTunnelHideEvents() {
        DefenceResult block16 = find("block-padding", "16 B");
        assertThat(block16.extraBytesPercent()).isLessThan(10);
        assertThat(block16.eventsRead()).isGreaterThan(0.5);
        assertThat(find("block-padding", "1500 B (MTU)").extraBytesPercent()).isGreaterThan(block16.extraBytesPercent());
        for (DefenceResult r : result.results()) {
            if (r.defence().equals("shaping") || r.defence().equals("vpn")) {
                assertThat(r.eventsRead()).as(r.label()).isLessThan(result.baseline().eventsRead() - 0.4);
            }
        }
    }

    @Test
    void bitsLeakedFallWithTheDefenceAndShapingLeavesNoneBetweenEvents() {
        DefenceResult.Leakage base = result.baseline().leakage();
        // four events of the plug, each a distinct exchange: all two bits leak between them
        assertThat(base.eventEntropyBits()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.05));
        assertThat(base.eventBits().value()).isGreaterThan(0.9 * base.eventEntropyBits());
        assertThat(base.bits().value()).isGreaterThan(0.9 * base.entropyBits());
        assertThat(base.bestAccuracy()).isGreaterThanOrEqualTo(result.baseline().accuracy() - 0.02);
        DefenceResult.Leakage mtu = find("block-padding", "1500 B (MTU)").leakage();
        assertThat(mtu.bits().value()).isLessThan(base.bits().value());
        for (DefenceResult r : result.results()) {
            DefenceResult.Leakage l = r.leakage();
            assertThat(l.bits().value()).as(r.label()).isBetween(0.0, l.entropyBits());
            if (r.defence().equals("shaping")) {
                assertThat(l.eventBits() == null || l.eventBits().value() < 0.2).as(r.label()).isTrue();
            }
        }
    }

    @Test
    void theSeedMakesTheEvaluationRepeatable() {
        DefenceEvaluator again = new DefenceEvaluator(1_000_000_000L, 3_000_000_000L,
                new PaperTrainer(PaperTrainer.DEFAULT_K, 1), 5, 1);
        Defence random = new Defences.RandomPadding(255);
        assertThat(again.measure(random, traces, events)).isEqualTo(find(random.name(), random.setting()));
    }

    private static DefenceResult find(String defence, String setting) {
        return result.results().stream().filter(r -> r.defence().equals(defence) && r.setting().equals(setting))
                .findFirst().orElseThrow();
    }
}
