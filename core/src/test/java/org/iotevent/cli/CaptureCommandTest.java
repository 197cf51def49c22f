package org.iotevent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.iotevent.campaign.CampaignFolder;
import org.iotevent.campaign.EventLog;
import org.iotevent.campaign.LiveTools;
import org.iotevent.capture.CaptureTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureCommandTest {
    @TempDir
    Path dir;

    static Cli run(String... args) {
        return Cli.run(args);
    }

    /** A campaign on loopback whose events each send one UDP datagram to their own port. */
    Path campaign(int repetitions, String extra, Map<String, String> triggers) throws Exception {
        StringBuilder y = new StringBuilder("""
                name: loop
                device: {address: 127.0.0.1}
                interface: lo
                filter: udp and dst portrange 20000-65535
                interval: 400ms
                settle: 300ms
                retry: {attempts: 2, delay: 100ms}
                """);
        y.append("repetitions: ").append(repetitions).append('\n').append(extra).append("events:\n");
        triggers.forEach((name, cmd) -> y.append("  - name: ").append(name).append("\n    trigger: ").append(cmd).append('\n'));
        Path f = dir.resolve("loop.yaml");
        Files.writeString(f, y.toString());
        return f;
    }

    static String udpTrigger(int port) {
        return "[bash, -c, 'echo hello > /dev/udp/127.0.0.1/" + port + "']";
    }

    static int freeUdpPort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** UDP packet times (epoch seconds) by destination port, read back with tcpdump -r. */
    static Map<Integer, List<Double>> udpTimes(List<Path> captures) throws Exception {
        Map<Integer, List<Double>> byPort = new HashMap<>();
        for (Path f : captures) {
            for (String line : LiveTools.run(List.of("tcpdump", "-r", f.toString(), "-tt", "-n", "udp")).split("\n")) {
                String[] w = line.split(" ");
                if (w.length > 4 && w[1].equals("IP") && w[4].endsWith(":")) {
                    String dst = w[4].substring(0, w[4].length() - 1);
                    int port = Integer.parseInt(dst.substring(dst.lastIndexOf('.') + 1));
                    byPort.computeIfAbsent(port, k -> new ArrayList<>()).add(Double.parseDouble(w[0]));
                }
            }
        }
        return byPort;
    }

    /**
     * Asserts that every logged event has its datagram captured after its timestamp and before the
     * next trigger was stamped (a trigger runs to its end before the next one starts): a window
     * set by the order of things, not by how fast a loaded machine starts bash.
     */
    static void assertEveryLoggedEventWasCaptured(Path folder, Map<String, Integer> ports) throws Exception {
        Map<Integer, List<Double>> times = udpTimes(captures(folder));
        List<String> lines = Files.readAllLines(folder.resolve(CampaignFolder.EVENTS));
        assertThat(lines.get(0)).isEqualTo(EventLog.HEADER);
        List<String> rows = lines.subList(1, lines.size());
        for (int i = 0; i < rows.size(); i++) {
            String[] f = rows.get(i).split(",");
            double t = Double.parseDouble(f[0]);
            double next = i + 1 < rows.size() ? Double.parseDouble(rows.get(i + 1).split(",")[0]) : Double.MAX_VALUE;
            assertThat(times.getOrDefault(ports.get(f[1]), List.of()))
                    .as("a datagram for %s after %s, before the next trigger", f[1], f[0])
                    .anyMatch(p -> p >= t && p < next);
        }
    }

    static List<Path> captures(Path folder) throws Exception {
        try (var s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().matches("capture-\\d{3}.*\\.pcap(ng)?\\d*")).sorted().toList();
        }
    }

    @Test
    void dryRunPrintsThePlanItsDurationAndTheChecks() throws Exception {
        Path f = campaign(3, "order: round-robin\n", Map.of("a", udpTrigger(40000)));
        Cli r = run("capture", "--campaign", f.toString(), "--dry-run", "-o", dir.resolve("out").toString());
        assertThat(r.out()).contains("campaign loop: 1 events x 3 repetitions = 3 trials, round-robin order")
                .contains("total duration 1.5s")
                .containsPattern("\\n\\s+1\\s+\\+300ms\\s+a\\s+1/3\\s+bash -c echo hello > /dev/udp/127.0.0.1/40000")
                .containsPattern("\\n\\s+3\\s+\\+1.1s\\s+a\\s+3/3");
        assertThat(dir.resolve("out")).doesNotExist();
        boolean canCapture = CaptureTool.onPath("tcpdump").isPresent() && "root".equals(System.getProperty("user.name"));
        if (canCapture) {
            assertThat(r.exit()).isZero();
            assertThat(r.out()).contains("check: tcpdump (").contains("check: every trigger command was found");
        } else {
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out()).contains("problem: ");
        }
    }

    @Test
    void unknownInterfaceIsReportedBeforeAnythingStarts() throws Exception {
        LiveTools.assumeTcpdumpOnLoopback();
        Path f = campaign(1, "", Map.of("a", udpTrigger(40000)));
        Files.writeString(f, Files.readString(f).replace("interface: lo", "interface: nosuch0"));
        Cli r = run("capture", "--campaign", f.toString(), "-o", dir.resolve("out").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("iotevent: unknown interface 'nosuch0'; tcpdump -D lists: ").contains("lo");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void missingTriggerCommandIsReportedBeforeAnythingStarts() throws Exception {
        LiveTools.assumeTcpdumpOnLoopback();
        Path f = campaign(1, "", Map.of("a", "no-such-trigger-program --on"));
        Cli r = run("capture", "--campaign", f.toString(), "-o", dir.resolve("out").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("iotevent: events[0] 'a': trigger command 'no-such-trigger-program' not found on PATH\n");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void missingCaptureProgramIsReportedBeforeAnythingStarts() throws Exception {
        assertRefusedInOwnProcess(List.of(), Map.of("PATH", dir.resolve("empty").toString()),
                "iotevent: neither tcpdump nor dumpcap is installed");
    }

    @Test
    void missingCapturePermissionIsReportedBeforeAnythingStarts() throws Exception {
        LiveTools.assumeTcpdumpOnLoopback();
        assumeTrue(CaptureTool.onPath("setpriv").isPresent(), "setpriv (util-linux) missing: cannot drop capabilities");
        assertRefusedInOwnProcess(List.of("setpriv", "--bounding-set=-net_raw,-net_admin", "--inh-caps=-net_raw,-net_admin"),
                Map.of(), "iotevent: no permission to capture on 'lo': run as root, or allow");
    }

    /** Runs a campaign in a JVM of its own (under {@code prefix}, with {@code env}) and expects a refusal. */
    private void assertRefusedInOwnProcess(List<String> prefix, Map<String, String> env, String messageStart) throws Exception {
        Path f = campaign(1, "", Map.of("a", udpTrigger(40000)));
        Process p = LiveTools.startCli(prefix, env, dir, "capture", "--campaign", f.toString(), "-o", "out");
        String out = LiveTools.finish(p);
        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(out).startsWith(messageStart);
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void campaignOnLoopbackLogsEveryTriggerAndCapturesItsTraffic() throws Exception {
        LiveTools.assumeTcpdumpOnLoopback();
        Map<String, Integer> ports = Map.of("a", freeUdpPort(), "b", freeUdpPort());
        Path f = campaign(3, "", Map.of("a", udpTrigger(ports.get("a")), "b", udpTrigger(ports.get("b"))));
        Path out = dir.resolve("out");
        Cli r = run("capture", "--campaign", f.toString(), "-o", out.toString(), "--progress", "lines");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("6 triggered now, 0 failed, 6 of 6 done");
        assertThat(r.err()).contains("capturing into " + out.resolve("capture-001.pcap")).containsPattern("\\[6/6\\] [ab] 3/3 at ");
        assertThat(EventLog.counts(out.resolve(CampaignFolder.EVENTS))).containsOnly(Map.entry("a", 3), Map.entry("b", 3));
        assertEveryLoggedEventWasCaptured(out, ports);
        assertThat(Files.readString(out.resolve(CampaignFolder.CAMPAIGN))).isEqualTo(Files.readString(f));
        assertThat(Files.readString(out.resolve(CampaignFolder.JOURNAL))).contains("capture session 1 stopped (status 0)")
                .contains("session end: 6 triggered, 0 failed, 0 outstanding");

        Cli again = run("capture", "--campaign", f.toString(), "-o", out.toString(), "--resume");
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("campaign loop is complete: 6 trials");
        Cli fresh = run("capture", "--campaign", f.toString(), "-o", out.toString());
        assertThat(fresh.exit()).isEqualTo(1);
        assertThat(fresh.err()).contains("holds a started campaign; add --resume");
    }

    @Test
    void failingTriggersAreRetriedAndOnlySuccessesLogged() throws Exception {
        LiveTools.assumeTcpdumpOnLoopback();
        int port = freeUdpPort();
        Path marker = dir.resolve("flaky-ran-once");
        String flaky = "[bash, -c, '[ -e " + marker + " ] || { touch " + marker + "; exit 7; }; echo x > /dev/udp/127.0.0.1/"
                + port + "']";
        Path f = campaign(1, "", Map.of("flaky", flaky, "broken", "[bash, -c, 'exit 3']"));
        Path out = dir.resolve("out");
        Cli r = run("capture", "--campaign", f.toString(), "-o", out.toString(), "--progress", "lines");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(EventLog.counts(out.resolve(CampaignFolder.EVENTS))).containsOnly(Map.entry("flaky", 1));
        assertThat(r.out()).contains("1 triggered now, 1 failed, 1 of 2 done")
                .contains("1 trials outstanding: run the same command with --resume");
        String journal = Files.readString(out.resolve(CampaignFolder.JOURNAL));
        assertThat(journal).contains("flaky #1 attempt 1 failed: exit status 7 (output in triggers.log); retrying in 100 ms")
                .contains("broken #1 attempt 2 failed: exit status 3 (output in triggers.log); giving up, not logged")
                .doesNotContain("flaky #1 attempt 2");
        assertEveryLoggedEventWasCaptured(out, Map.of("flaky", port));
    }

    @Test
    void killedCampaignLosesNothingAndResumeFinishesIt() throws Exception {
        LiveTools.assumeTcpdumpOnLoopback();
        Map<String, Integer> ports = Map.of("a", freeUdpPort(), "b", freeUdpPort());
        Path f = campaign(4, "", Map.of("a", udpTrigger(ports.get("a")), "b", udpTrigger(ports.get("b"))));
        Path out = dir.resolve("out");
        Process p = LiveTools.startCli(List.of(), Map.of(), dir, "capture", "--campaign", f.toString(), "-o", out.toString());
        Path events = out.resolve(CampaignFolder.EVENTS);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline
                && (!Files.exists(events) || EventLog.counts(events).values().stream().mapToInt(Integer::intValue).sum() < 3)) {
            Thread.sleep(50);
        }
        p.destroyForcibly().waitFor();
        Map<String, Integer> before = EventLog.counts(events);
        int logged = before.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(logged).isBetween(3, 7);
        long stopBy = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < stopBy && ProcessHandle.allProcesses()
                .anyMatch(h -> h.info().commandLine().orElse("").contains(out.toString()))) {
            Thread.sleep(50);
        }
        assertThat(ProcessHandle.allProcesses().filter(h -> h.info().commandLine().orElse("").contains(out.toString())))
                .as("the watchdog stops tcpdump when the JVM is killed").isEmpty();
        assertEveryLoggedEventWasCaptured(out, ports);

        Cli r = run("capture", "--campaign", f.toString(), "-o", out.toString(), "--resume", "--progress", "bar");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("campaign 100%").contains("8/8");
        assertThat(r.out()).contains((8 - logged) + " triggered now, 0 failed, 8 of 8 done");
        assertThat(EventLog.counts(events)).containsOnly(Map.entry("a", 4), Map.entry("b", 4));
        assertThat(captures(out)).extracting(q -> q.getFileName().toString()).contains("capture-001.pcap", "capture-002.pcap");
        assertEveryLoggedEventWasCaptured(out, ports);
    }

    @Test
    void dumpcapCapturesACampaignIntoPcapng() throws Exception {
        LiveTools.assumeTcpdumpOnLoopback();
        assumeTrue(CaptureTool.onPath("dumpcap").isPresent(), "dumpcap (Debian: wireshark-common) not installed");
        Map<String, Integer> ports = Map.of("a", freeUdpPort());
        Path f = campaign(2, "capture: {tool: dumpcap, rotate_mb: 1}\n", Map.of("a", udpTrigger(ports.get("a"))));
        Path out = dir.resolve("out");
        Cli r = run("capture", "--campaign", f.toString(), "-o", out.toString(), "--progress", "lines");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(captures(out)).singleElement().satisfies(p -> assertThat(p.getFileName().toString()).endsWith(".pcapng"));
        assertThat(EventLog.counts(out.resolve(CampaignFolder.EVENTS))).containsOnly(Map.entry("a", 2));
        assertEveryLoggedEventWasCaptured(out, ports);
    }

    @Test
    void manualTriggerRecordsTheMomentEnterIsPressed() throws Exception {
        LiveTools.assumeTcpdumpOnLoopback();
        Path f = dir.resolve("manual.yaml");
        Files.writeString(f, """
                device: {address: 127.0.0.2}
                interface: lo
                repetitions: 2
                interval: 300ms
                settle: 200ms
                events:
                  - {name: knock, trigger: manual, prompt: Knock on the door}
                """);
        Process p = LiveTools.startCli(List.of(), Map.of(), dir, "capture", "--campaign", f.toString(), "-o", "out",
                "--progress", "lines");
        java.io.BufferedReader output = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8));
        List<Double> pressed = new ArrayList<>();
        // after each Enter, the moment the test next hears from the run (the next prompt, or its end)
        List<Double> answered = new ArrayList<>();
        for (int rep = 1; rep <= 2; rep++) {
            String line = output.readLine();
            while (line != null && !line.startsWith(">>> ")) {
                line = output.readLine();
            }
            if (rep > 1) {
                answered.add(System.currentTimeMillis() / 1000.0);
            }
            assertThat(line).isEqualTo(">>> knock " + rep + "/2: Knock on the door, then press Enter");
            // Enter comes well after the prompt, so a stamp taken at the prompt would lie before it
            Thread.sleep(400);
            pressed.add(System.currentTimeMillis() / 1000.0);
            p.getOutputStream().write('\n');
            p.getOutputStream().flush();
        }
        String rest = LiveTools.finish(p);
        answered.add(System.currentTimeMillis() / 1000.0);
        assertThat(p.exitValue()).as(rest).isZero();
        List<String> lines = Files.readAllLines(dir.resolve("out").resolve(CampaignFolder.EVENTS));
        assertThat(lines).hasSize(3);
        for (int i = 0; i < 2; i++) {
            double t = Double.parseDouble(lines.get(i + 1).split(",")[0]);
            assertThat(t).as("logged when Enter was pressed, not when prompted").isBetween(pressed.get(i), answered.get(i));
        }
    }

    @Test
    void captureThatDiesMidCampaignIsRestartedAndTheGapJournaled() throws Exception {
        LiveTools.assumeTcpdumpOnLoopback();
        Map<String, Integer> ports = Map.of("a", freeUdpPort());
        Path f = campaign(6, "", Map.of("a", udpTrigger(ports.get("a"))));
        Path out = dir.resolve("out");
        java.util.concurrent.CompletableFuture<Cli> running = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> run("capture", "--campaign", f.toString(), "-o", out.toString(), "--progress", "lines"));
        Path events = out.resolve(CampaignFolder.EVENTS);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline && (!Files.exists(events) || EventLog.counts(events).getOrDefault("a", 0) < 2)) {
            Thread.sleep(20);
        }
        ProcessHandle tcpdump = ProcessHandle.current().descendants()
                .filter(h -> h.info().command().orElse("").endsWith("tcpdump")
                        && h.info().commandLine().orElse("").contains(out.resolve("capture-001.pcap").toString()))
                .findFirst().orElseThrow();
        tcpdump.destroyForcibly();
        Cli r = running.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("capture restarted (session 2): tcpdump exited with status");
        assertThat(Files.readString(out.resolve(CampaignFolder.JOURNAL)))
                .contains("capture died: tcpdump exited with status").contains("capture session 2: ");
        assertThat(captures(out)).extracting(p -> p.getFileName().toString()).contains("capture-001.pcap", "capture-002.pcap");
        assertThat(EventLog.counts(events)).containsOnly(Map.entry("a", 6));
        assertEveryLoggedEventWasCaptured(out, ports);
    }
}
