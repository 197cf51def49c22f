package org.iotevent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.iotevent.signature.SignatureFile;
import org.iotevent.sim.HomeReader;
import org.iotevent.sim.HomeSimulator;
import org.iotevent.sim.SimulationOptions;
import org.iotevent.sim.Vantage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train and detect on the simulator's hard cases (issue 10): what a, b and the log's clock are found to be. */
class HardCasesCliTest {
    private static final long S = 1_000_000_000L;

    @TempDir
    Path dir;

    private Path simulate(String model, SimulationOptions o) throws Exception {
        HomeSimulator.run(HomeReader.resolve(model), o.withVantages(EnumSet.of(Vantage.LAN)), dir);
        return dir.resolve("lan.pcap");
    }

    private static double seconds(String out, String name) {
        Matcher m = Pattern.compile(name + " = ([0-9.]+) s estimated").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void anAnswerCutByPausesStaysOneBurstAndGivesOneAlertPerTrigger() throws Exception {
        SimulationOptions o = SimulationOptions.defaults(4).withRepetitions(20);
        Path pcap = simulate("paused-plug", o.withDurationNanos(o.durationForRepetitions(2)));
        Path events = dir.resolve("events/paused-plug.csv");
        Path sig = dir.resolve("sig.json");
        Cli train = Cli.run("train", "-r", pcap.toString(), "--events", events.toString(), "--device", "192.168.1.100",
                "-o", sig.toString());
        assertThat(train.exit()).as(train.err()).isZero();
        assertThat(seconds(train.out(), "a")).as("a above the answer's pauses of up to 0.8 s").isBetween(0.85, 8.0);
        assertThat(seconds(train.out(), "b")).as("b").isBetween(0.2, 3.0);
        assertThat(SignatureFile.read(sig).samples().stream().filter(s -> !s.label().equals("other")).count())
                .isEqualTo(40);
        Cli detect = Cli.run("detect", "-r", pcap.toString(), "-s", sig.toString());
        List<Long> triggers = Files.readAllLines(events).stream().skip(1)
                .map(l -> (long) (Double.parseDouble(l.split(",")[0]) * 1000)).toList();
        List<Long> alerts = detect.err().lines().filter(l -> l.contains("ALERT"))
                .map(l -> java.time.Instant.parse(l.replaceAll(".* at (\\S+) .*", "$1")).toEpochMilli()).toList();
        assertThat(alerts).as(detect.err()).hasSize(40);
        for (long t : triggers) {
            assertThat(alerts).as("one alert within 2 s after the trigger at " + t)
                    .filteredOn(a -> a >= t && a - t <= 2_000).hasSize(1);
        }
    }

    @Test
    void aLogInLocalTimeWithADaylightSavingSwitchIsFoundAndPutRight() throws Exception {
        // Berlin switches from +1 h to +2 h at 2026-03-29T01:00Z
        SimulationOptions o = SimulationOptions.defaults(5).withStartNanos(1_774_728_000L * S)
                .withDurationNanos(6 * 3600 * S).withEventSpacingNanos(120 * S).withLogZone("Europe/Berlin");
        Path pcap = simulate("paused-plug", o);
        String events = dir.resolve("events/paused-plug.csv").toString();
        Cli warned = Cli.run("train", "-r", pcap.toString(), "--events", events, "--device", "192.168.1.100",
                "-o", dir.resolve("a.json").toString(), "-a", "2", "-b", "2");
        assertThat(warned.err()).contains("the event log looks 1 h 00 min ahead of the capture: a time zone?")
                .contains("the offset changes to -2h from line").contains("a daylight-saving switch?")
                .contains("--events-offset auto");
        Cli fixed = Cli.run("train", "-r", pcap.toString(), "--events", events, "--device", "192.168.1.100",
                "-o", dir.resolve("b.json").toString(), "--events-offset", "auto");
        assertThat(fixed.exit()).as(fixed.err()).isZero();
        assertThat(fixed.out()).contains("applied (--events-offset auto)");
        assertThat(fixed.err()).doesNotContain("unpaired");
        Cli given = Cli.run("train", "-r", pcap.toString(), "--events", events, "--device", "192.168.1.100",
                "-o", dir.resolve("c.json").toString(), "--events-offset", "-1h");
        assertThat(given.out()).contains("event times moved by -1h");
        // the events after the switch stay an hour off: after the capture's end
        assertThat(given.err()).contains("30 of 180 events lie outside the capture's time span");
    }

    @Test
    void aScheduleLogIsNamedAsSuch() throws Exception {
        SimulationOptions o = SimulationOptions.defaults(6).withRepetitions(60).withEventSpacingNanos(300 * S)
                .withLogScatterS(60);
        Path pcap = simulate("schedule-lock", o.withDurationNanos(o.durationForRepetitions(2)));
        Cli train = Cli.run("train", "-r", pcap.toString(), "--events", dir.resolve("events/schedule-lock.csv").toString(),
                "--device", "192.168.1.100", "-o", dir.resolve("s.json").toString());
        assertThat(train.err()).contains("the log looks like a schedule").contains("many events stay unpaired");
    }

    @Test
    void eventsOffsetTakesHoursMinutesAndSeconds() {
        assertThat(LearnOptions.parseOffset("+5h")).isEqualTo(5 * 3600 * S);
        assertThat(LearnOptions.parseOffset("-3600s")).isEqualTo(-3600 * S);
        assertThat(LearnOptions.parseOffset("1h30m")).isEqualTo(5400 * S);
        assertThat(LearnOptions.parseOffset("90min")).isEqualTo(5400 * S);
        assertThat(LearnOptions.parseOffset("2.5")).isEqualTo(2_500_000_000L);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LearnOptions.parseOffset("soon"))
                .isInstanceOf(UserInputException.class).hasMessageContaining("--events-offset soon: expected auto or a "
                        + "duration such as +5h");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LearnOptions.parseOffset("40h"))
                .hasMessageContaining("more than 30 h");
    }
}
