package org.iotevent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.iotevent.evaluate.defence.DefenceFile;
import org.iotevent.report.HeadlessChromium;
import org.iotevent.report.Occurrences;
import org.iotevent.sim.HomeReader;
import org.iotevent.sim.HomeSimulator;
import org.iotevent.sim.SimulationOptions;
import org.iotevent.sim.Vantage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train, evaluate, detect, defend and report end to end on a simulated home of nine devices. */
class ReportAndDefendCommandsTest {
    private static final String PLUG = "192.168.1.104";

    @TempDir
    static Path dir;
    static String pcap;
    static String events;
    static Cli defend;

    @BeforeAll
    static void simulateTrainEvaluateDetectDefend() throws Exception {
        HomeSimulator.run(HomeReader.defaultHome(), SimulationOptions.defaults(5).withDurationNanos(3_600_000_000_000L)
                .withVantages(EnumSet.of(Vantage.LAN)), dir);
        pcap = dir.resolve("lan.pcap").toString();
        events = dir.resolve("events/tuya-plug.csv").toString();
        ok(Cli.run("train", "-r", pcap, "--events", events, "--device", PLUG, "--privacy", "on,off", "-o", file("sig.json")));
        ok(Cli.run("evaluate", "-r", pcap, "--events", events, "--device", PLUG, "--repeats", "3", "--json",
                file("eval.json")));
        ok(Cli.run("detect", "-r", pcap, "-s", file("sig.json"), "--format", "jsonl", "-o", file("det.jsonl")));
        defend = ok(Cli.run("defend", "-r", pcap, "--events", events, "--device", PLUG, "--repeats", "3", "--json",
                file("def.json")));
    }

    private static Cli ok(Cli c) {
        assertThat(c.exit()).as(c.err()).isZero();
        return c;
    }

    private static String file(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void defendPrintsOneRowPerDefenceAndWritesJson() throws Exception {
        assertThat(defend.out()).contains("none ", "block-padding", "16 B", "1500 B (MTU)", "random-padding",
                "constant-size", "shaping", "vpn", "WireGuard, whole home", "results written to");
        assertThat(defend.out().lines().filter(l -> l.matches("^(none|block-padding|random-padding|constant-size|"
                + "shaping|vpn) .*"))).hasSize(11);
        var read = DefenceFile.read(Path.of(file("def.json")));
        assertThat(read.results()).hasSize(10);
        assertThat(read.baseline().accuracy()).isGreaterThan(0.8);
    }

    @Test
    void defendCanRunOneDefence() {
        Cli c = ok(Cli.run("defend", "-r", pcap, "--events", events, "--device", PLUG, "--repeats", "1", "--only", "vpn"));
        assertThat(c.out()).contains("vpn").doesNotContain("block-padding");
        Cli bad = Cli.run("defend", "-r", pcap, "--events", events, "--device", PLUG, "--only", "tinfoil");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("tinfoil", "block-padding, random-padding").doesNotContain("\tat ");
    }

    @Test
    void defendNamesTheBusiestAddressesForAnAbsentDevice() {
        Cli c = Cli.run("defend", "-r", pcap, "--events", events, "--device", "10.9.9.9");
        assertThat(c.exit()).isEqualTo(1);
        assertThat(c.err()).contains("no packet of the device", "busiest addresses", "192.168.1.");
    }

    @Test
    void reportFromEveryInputDrawsEveryChart() throws Exception {
        Path html = dir.resolve("report.html");
        ok(Cli.run("report", "-s", file("sig.json"), "--evaluation", file("eval.json"), "--detections", file("det.jsonl"),
                "--defences", file("def.json"), "--cloud", "Tuya cloud", "--protocol", "TLS", "-o", html.toString()));
        String page = Files.readString(html);
        assertThat(page).contains("IP 192.168.1.104", "Tuya cloud", "TLS", "privacy event", "data-chart=\"accuracy-by-k\"",
                "data-chart=\"confusion\"", "data-chart=\"timeline\"", "data-chart=\"defences\"", "data-chart=\"leakage\"",
                "data-chart=\"defence-bits\"");
        assertThat(Occurrences.count(page, "data-chart=\"sequence\"")).as("one per event: on, off, schedule, timer")
                .isEqualTo(4);
        if (Files.isExecutable(HeadlessChromium.BINARY)) {
            String dom = HeadlessChromium.dumpDom(html);
            assertThat(dom).contains("</main>").doesNotContainPattern("<html[^>]*data-script-errors");
            assertThat(Occurrences.count(dom, "<svg class=\"chart\"")).isEqualTo(10);
        }
    }

    @Test
    void reportLaysTheEventLogOverTheTimelineAndShowsEveryEvaluation() throws Exception {
        Path html = dir.resolve("report-log.html");
        Cli made = ok(Cli.run("report", "-s", file("sig.json"), "--evaluation", file("eval.json") + "," + file("eval.json"),
                "--detections", file("det.jsonl"), "--events", events, "-o", html.toString()));
        String page = Files.readString(html);
        assertThat(made.err()).as("detect ran on the training capture, scored with the training log")
                .contains("iotevent: warning: detections " + file("det.jsonl") + ": in-sample: the event log is the one "
                        + "the signature was trained on");
        assertThat(page).contains("<p class=\"in-sample\" data-key=\"in_sample\">in-sample: ");
        assertThat(page).containsPattern("Against the event log: <b>\\d+ of \\d+ triggers detected</b>")
                .contains("class=\"trigger")
                .contains("<td>event log</td><td><code>" + events + "</code></td><td><code>"
                        + org.iotevent.signature.Provenance.sha256(Path.of(events)) + "</code>");
        assertThat(Occurrences.count(page, "<tr data-vantage=\"lan.pcap\">")).as("a row per evaluation").isEqualTo(2);
        Cli tooMany = Cli.run("report", "-s", file("sig.json"), "--detections", file("det.jsonl"), "--events", events,
                "--events", events, "-o", dir.resolve("no.html").toString());
        assertThat(tooMany.exit()).isEqualTo(1);
        assertThat(tooMany.err()).contains("2 --events for 1 --detections").doesNotContain("\tat ");
    }

    @Test
    void anEvaluationWhoseNameHoldsACommaIsReadAsOneFile() throws Exception {
        Path comma = dir.resolve("eval, wan.json");
        Files.copy(Path.of(file("eval.json")), comma, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path html = dir.resolve("report-comma.html");
        ok(Cli.run("report", "-s", file("sig.json"), "--evaluation", comma.toString(), "-o", html.toString()));
        assertThat(Files.readString(html)).contains("eval, wan.json");
    }

    @Test
    void aRunScoredWithAnotherEventLogIsNotCalledInSample() throws Exception {
        Path other = dir.resolve("other-session.csv");
        List<String> lines = Files.readAllLines(Path.of(events));
        Files.write(other, lines.subList(0, lines.size() - 1));
        Path html = dir.resolve("report-other.html");
        Cli made = ok(Cli.run("report", "-s", file("sig.json"), "--detections", file("det.jsonl"), "--events",
                other.toString(), "-o", html.toString()));
        assertThat(made.err()).doesNotContain("in-sample");
        assertThat(Files.readString(html)).doesNotContain("class=\"in-sample\"");
    }

    @Test
    void helpFormatsCleanly() {
        java.io.PrintStream stderr = System.err;
        java.io.ByteArrayOutputStream picocliWarnings = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(picocliWarnings, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            for (String command : new String[] {"report", "defend"}) {
                Cli c = ok(Cli.run(command, "--help"));
                assertThat(c.out()).as(command).contains("Usage: iotevent " + command,
                        command.equals("defend") ? "extra bytes (%)" : "Table 2");
            }
        } finally {
            System.setErr(stderr);
        }
        assertThat(picocliWarnings.toString(java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("WARN");
    }

    @Test
    void reportMistakesGetOneLineNamingTheFile() throws Exception {
        Path html = dir.resolve("bad.html");
        Cli none = Cli.run("report", "-o", html.toString());
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.err()).contains("at least one of -s");
        Cli extra = Cli.run("report", "-s", file("sig.json"), "--evaluation", file("eval.json"), "--evaluation",
                file("eval.json"), "-o", html.toString());
        assertThat(extra.exit()).isEqualTo(1);
        assertThat(extra.err()).contains("2 --evaluation for 1 -s");
        Path det = dir.resolve("broken.jsonl");
        Files.writeString(det, Files.readAllLines(Path.of(file("det.jsonl"))).get(0) + "\n{\"start\": \"soon\"}\n");
        Cli broken = Cli.run("report", "--detections", det.toString(), "-o", html.toString());
        assertThat(broken.exit()).isEqualTo(1);
        assertThat(broken.err()).contains("broken.jsonl line 2", "ts, end").doesNotContain("\tat ");
        Cli swapped = Cli.run("report", "-s", file("sig.json"), "--evaluation", file("sig.json"), "-o", html.toString());
        assertThat(swapped.exit()).isEqualTo(1);
        assertThat(swapped.err()).contains("sig.json", "per_event").doesNotContain("\tat ");
        Cli foreign = Cli.run("report", "--defences", file("eval.json"), "-o", html.toString());
        assertThat(foreign.exit()).isEqualTo(1);
        assertThat(foreign.err()).contains("eval.json", "not a defence evaluation");
        assertThat(html).doesNotExist();
    }
}
