package org.iotevent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.iotevent.campaign.CampaignFolder;
import org.iotevent.campaign.EventLog;
import org.iotevent.campaign.LiveTools;
import org.iotevent.campaign.testbed.Testbed;
import org.iotevent.capture.CaptureTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loop on the simulated device (real TLS, miIO over UDP, MQTT through mosquitto, all on
 * loopback): a campaign whose triggers drive it, captured by real tcpdump, trains the paper's
 * classifier ({@code iotevent train}), which reaches at least 95 % accuracy on held-out bursts
 * ({@code iotevent evaluate}) and then labels the device's live traffic on loopback, burst by burst,
 * both with {@code detect -i lo} and with {@code tcpdump -w - | detect -r -}: every triggered event
 * is reported, and at least 10 of 12 with the right label (the paper's classifier needs a training
 * burst with the same packet count, and loopback TCP sometimes acknowledges separately). The
 * default classifier (align) is evaluated on the same capture and printed for comparison.
 *
 * <p>The device's address is a loopback address of its own for each run, so runs of this test on
 * the same machine at the same time never see each other's traffic.
 */
class DeviceLearnAndDetectTest {
    static final int REPETITIONS = 12;
    static final String GAP = "0.25";
    static final String WINDOW = "0.5";

    @TempDir
    Path dir;

    @Test
    void campaignCaptureTrainsADetectorThatLabelsLiveTraffic() throws Exception {
        LiveTools.assumeTcpdumpOnLoopback();
        try (Testbed bed = Testbed.start(dir, 23)) {
            Path out = runCampaign(bed, dir, REPETITIONS, "500ms");
            assertThat(EventLog.counts(out.resolve(CampaignFolder.EVENTS))).isEqualTo(
                    Testbed.events().stream().collect(Collectors.toMap(e -> e, e -> REPETITIONS)));
            assertRealProtocolsOnTheWire(bed, out.resolve("capture-001.pcap"));
            Path pcap = out.resolve("capture-001.pcap");
            Path events = out.resolve(CampaignFolder.EVENTS);
            Path signature = dir.resolve("testbed.sig.json");
            List<String> learnArgs = List.of("-r", pcap.toString(), "--events", events.toString(), "--device",
                    bed.deviceAddress(), "-a", GAP, "-b", WINDOW, "--classifier", "paper");
            Cli train = Cli.run(concat(List.of("train"), learnArgs,
                    List.of("-o", signature.toString())));
            assertThat(train.exit()).as(train.err()).isZero();
            Path figures = dir.resolve("evaluation.json");
            Cli evaluate = Cli.run(concat(List.of("evaluate"), learnArgs,
                    List.of("--repeats", "20", "--json", figures.toString())));
            assertThat(evaluate.exit()).as(evaluate.err()).isZero();
            double accuracy = new com.fasterxml.jackson.databind.ObjectMapper().readTree(figures.toFile()).get("accuracy").asDouble();
            System.out.printf("testbed campaign: accuracy %.4f over 20 seeded 80/20 splits%n%s", accuracy, evaluate.out());
            assertThat(accuracy).isGreaterThanOrEqualTo(0.95);
            Cli align = Cli.run(concat(List.of("evaluate"),
                    learnArgs.subList(0, learnArgs.size() - 2), List.of("--classifier", "align", "--repeats", "20")));
            System.out.printf("for comparison, the alignment classifier on the same capture:%n%s", align.out());

            detectLive(bed, dir, "detect -i lo", List.of(), "-i", "lo");
            detectLive(bed, dir, "tcpdump | detect -r -", List.of("bash", "-c",
                    "tcpdump -U --immediate-mode -n -i lo -w - host " + bed.deviceAddress() + " 2>\"$0\" | exec \"$@\"",
                    dir.resolve("pipe-tcpdump.log").toString()), "-r", "-");
        }
    }

    static String[] concat(List<String> a, List<String> b, List<String> c) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        all.addAll(c);
        return all.toArray(String[]::new);
    }

    /**
     * Runs a campaign over every event of the testbed's device through the CLI, capturing on lo,
     * and returns its folder after checking that it finished.
     */
    static Path runCampaign(Testbed bed, Path dir, int repetitions, String interval) throws Exception {
        StringBuilder y = new StringBuilder("""
                name: testbed
                device: {address: %s}
                interface: lo
                repetitions: %d
                interval: %s
                settle: 500ms
                seed: 5
                trigger_timeout: 10s
                events:
                """.formatted(bed.deviceAddress(), repetitions, interval));
        for (String e : Testbed.events()) {
            y.append("  - name: ").append(e).append("\n    trigger: ").append(bed.triggerYaml(e)).append('\n');
        }
        Path campaign = dir.resolve("testbed.yaml");
        Files.writeString(campaign, y);
        Path out = dir.resolve("out");
        Cli r = Cli.run("capture", "--campaign", campaign.toString(), "-o",
                out.toString(), "--progress", "lines");
        assertThat(r.exit()).as(r.err()).isZero();
        return out;
    }

    /** tshark (when installed) finds TLS records, MQTT PUBLISH packets and miIO datagrams of the device. */
    static void assertRealProtocolsOnTheWire(Testbed bed, Path pcap) throws Exception {
        if (CaptureTool.onPath("tshark").isEmpty()) {
            System.out.println("tshark not installed: protocol dissection check skipped");
            return;
        }
        List<String> decodeAs = List.of("-d", "tcp.port==" + bed.tlsPort() + ",tls", "-d", "tcp.port==" + bed.mqttPort() + ",mqtt");
        int tlsData = count(pcap, decodeAs, "tls.record.content_type == 23 && ip.src == " + bed.deviceAddress());
        int publishes = count(pcap, decodeAs, "mqtt.msgtype == 3 && ip.src == " + bed.deviceAddress());
        int miio = count(pcap, decodeAs, "udp.dstport == " + bed.udpPort() + " && udp.payload[0:2] == 21:31");
        assertThat(tlsData).as("TLS application-data records from the device").isGreaterThanOrEqualTo(8 * REPETITIONS);
        assertThat(publishes).as("MQTT PUBLISH from the device").isEqualTo(2 * REPETITIONS);
        assertThat(miio).as("miIO requests").isEqualTo(2 * REPETITIONS);
    }

    /** Number of packets that tshark's display filter selects. */
    static int count(Path pcap, List<String> decodeAs, String filter) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("tshark", "-r", pcap.toString()));
        cmd.addAll(decodeAs);
        cmd.addAll(List.of("-Y", filter, "-T", "fields", "-e", "frame.number"));
        String out = LiveTools.run(cmd);
        return (int) out.lines().filter(l -> l.matches("\\d+")).count();
    }
    /**
     * Runs {@code iotevent detect ... -s SIGNATURE --format jsonl} as its own process (under
     * {@code prefix}), triggers every event twice in a seeded order, and checks the JSON lines that
     * come out while the capture goes on.
     */
    static void detectLive(Testbed bed, Path dir, String what, List<String> prefix, String... input) throws Exception {
        List<String> args = new ArrayList<>(List.of("detect", "-s", dir.resolve("testbed.sig.json").toString(),
                "--format", "jsonl"));
        args.addAll(List.of(input));
        Process p = LiveTools.startCli(prefix, java.util.Map.of(), dir, args.toArray(String[]::new));
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        List<Long> latencyMillis = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (var r = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.add(System.currentTimeMillis() + " " + line);
                    seen.add(line);
                }
            } catch (IOException e) {
                lines.add("0 reader failed: " + e);
            }
        });
        reader.start();
        try {
            awaitCapturing(what, seen, dir.resolve("pipe-tcpdump.log"));
            List<String> triggered = new ArrayList<>(Testbed.events());
            triggered.addAll(Testbed.events());
            Collections.shuffle(triggered, new Random(99));
            List<String> reported = new ArrayList<>();
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            for (String event : triggered) {
                assertThat(bed.trigger(event)).isEqualTo("ok");
                String line = nextJson(lines);
                assertThat(line).as("%s: a JSON line for %s while the capture goes on; its output: %s", what, event, seen)
                        .isNotNull();
                int space = line.indexOf(' ');
                var d = json.readTree(line.substring(space + 1));
                reported.add(d.get("event").asText());
                latencyMillis.add(Long.parseLong(line.substring(0, space)) - Math.round(d.get("end").asDouble() * 1000));
                Thread.sleep(100);
            }
            long right = 0;
            for (int i = 0; i < triggered.size(); i++) {
                right += triggered.get(i).equals(reported.get(i)) ? 1 : 0;
            }
            Collections.sort(latencyMillis);
            System.out.printf("%s: %d of %d triggered events labelled right; JSON line out after the burst's last packet: "
                    + "median %d ms, max %d ms (a = %s s)%n", what, right, triggered.size(),
                    latencyMillis.get(latencyMillis.size() / 2), latencyMillis.get(latencyMillis.size() - 1), GAP);
            assertThat(right).as("triggered %s, reported %s", triggered, reported).isGreaterThanOrEqualTo(triggered.size() - 2);

            if (prefix.isEmpty()) {
                p.destroy();
            } else {
                p.descendants().filter(h -> h.info().command().orElse("").endsWith("tcpdump")).forEach(ProcessHandle::destroy);
            }
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("%s ends when its capture ends", what).isTrue();
            reader.join(5000);
            assertThat(p.descendants()).as("no capture program left running").isEmpty();
            if (!prefix.isEmpty()) {
                assertThat(p.exitValue()).isZero();
                assertThat(seen).anyMatch(l -> l.matches("iotevent: \\d+ packets, \\d+ of the device \\(.*\\), 12 bursts: .*"));
            }
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            reader.join(5000);
        }
    }

    /** Waits until detect says it captures (-i) or the piped tcpdump says it listens (-r -). */
    private static void awaitCapturing(String what, List<String> detectOutput, Path pipeLog) throws Exception {
        for (int i = 0; i < 400; i++) {
            if (detectOutput.stream().anyMatch(l -> l.startsWith("iotevent: capturing on"))
                    || (Files.exists(pipeLog) && Files.readString(pipeLog).contains("listening on"))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(what + ": no capture started within 20 s; output: " + detectOutput);
    }

    /** The next JSON line of the detector's output, skipping its other lines; null after 10 s. */
    private static String nextJson(BlockingQueue<String> lines) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line != null && line.contains(" {")) {
                return line;
            }
        }
        return null;
    }
}
