package org.iotevent.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;
import org.iotevent.capture.CaptureReaders;
import org.iotevent.capture.CaptureRecord;
import org.iotevent.capture.PacketSource;
import org.iotevent.capture.PcapWriter;
import org.iotevent.cli.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The Flink job on a MiniCluster (two TaskManagers) with a real Kafka broker, over simulated homes
 * whose capture clocks start at different times and lag one another: every detection equals
 * {@code iotevent detect}'s on that home's capture, none lost, none duplicated, no packet late; a
 * malformed record and a bad signature are reported and change nothing; a TaskManager lost
 * mid-stream costs nothing once the job restarts from its checkpoint.
 */
class DetectionJobTest {
    private static final String[] WATCHED = {"mi-plug-mini:192.168.1.101", "tuya-plug:192.168.1.104",
        "tplink-hs100:192.168.1.105"};
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path signatures;
    static Path homes;
    static Map<String, List<String>> expected;
    static KafkaBroker kafka;
    static MiniCluster flink;

    @BeforeAll
    static void simulateTrainAndStart() throws Exception {
        Path train = dir.resolve("train");
        signatures = Files.createDirectories(dir.resolve("signatures"));
        homes = dir.resolve("homes");
        cli("simulate", "--hours", "1", "--vantage", "lan", "-o", train.toString());
        for (String w : WATCHED) {
            String[] dev = w.split(":");
            cli("train", "-r", train.resolve("lan.pcap").toString(), "--events",
                    train.resolve("events").resolve(dev[0] + ".csv").toString(), "--device", dev[1], "--privacy", "on,off",
                    "-o", signatures.resolve(dev[0] + ".json").toString());
        }
        cli("simulate", "--homes", "4", "--hours", "0.25", "--seed", "5", "--vantage", "lan", "-o", homes.toString());
        expected = new TreeMap<>();
        for (int k = 1; k <= 4; k++) {
            String home = String.format("home-%04d", k);
            Path out = dir.resolve(home + ".jsonl");
            cli("detect", "-q", "-r", homes.resolve(home).resolve("lan.pcap").toString(), "-s", signatures.toString(),
                    "--format", "jsonl", "-o", out.toString());
            expected.put(home, comparable(Files.readAllLines(out)));
        }
        kafka = new KafkaBroker(dir);
        Configuration c = new Configuration();
        c.set(RestOptions.BIND_PORT, "0"); // any free port: another MiniCluster on this machine may hold 8081
        flink = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(c).setNumTaskManagers(2)
                .setNumSlotsPerTaskManager(1).build());
        flink.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (flink != null) {
            flink.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    static void cli(String... args) {
        StringWriter err = new StringWriter();
        CommandLine c = Main.newCommandLine();
        c.setOut(new PrintWriter(new StringWriter()));
        c.setErr(new PrintWriter(err));
        assertThat(c.execute(args)).as("iotevent %s: %s", String.join(" ", args), err).isZero();
    }

    /** Each detection as the CLI writes it (every field), less its home, sorted. */
    static List<String> comparable(List<String> lines) throws Exception {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            ObjectNode o = (ObjectNode) JSON.readTree(line);
            o.remove("home");
            out.add(o.toString());
        }
        out.sort(null);
        return out;
    }

    /** The job's detections per home. */
    static Map<String, List<String>> byHome(List<String> lines) throws Exception {
        Map<String, List<String>> raw = new TreeMap<>();
        for (String line : lines) {
            raw.computeIfAbsent(JSON.readTree(line).get("home").asText(), h -> new ArrayList<>()).add(line);
        }
        Map<String, List<String>> out = new TreeMap<>();
        for (Map.Entry<String, List<String>> e : raw.entrySet()) {
            out.put(e.getKey(), comparable(e.getValue()));
        }
        return out;
    }

    /** The job's detections equal the CLI's, home by home (AssertJ then lists what is missing and what is extra). */
    static void assertSameAsCli(List<String> lines) throws Exception {
        Map<String, List<String>> actual = byHome(lines);
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        for (String home : expected.keySet()) {
            assertThat(actual.get(home)).as("detections of %s", home).containsExactlyInAnyOrderElementsOf(expected.get(home));
        }
    }

    private static JobID submit(String... args) throws Exception {
        DetectionJob job = new DetectionJob();
        new CommandLine(job).parseArgs(args);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(job.configuration());
        job.build(env);
        return flink.submitJob(env.getStreamGraph().getJobGraph()).get().getJobID();
    }

    private static void awaitSuccess(JobID id) throws Exception {
        JobResult r = flink.requestJobResult(id).get(5, TimeUnit.MINUTES);
        assertThat(r.isSuccess()).as("the job succeeded: %s", r.getSerializedThrowable()).isTrue();
    }

    private static List<String> values(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Test
    void kafkaInKafkaOutGivesTheDetectionsOfTheCliForEveryHome() throws Exception {
        kafka.createTopic("packets", 3);
        kafka.createTopic("signatures", 1);
        kafka.createTopic("detections", 2);
        kafka.createTopic("errors", 1);
        try (KafkaProducer<byte[], byte[]> p = producer()) {
            p.send(new ProducerRecord<>("packets", "home-0002".getBytes(StandardCharsets.UTF_8),
                    "not a packet".getBytes(StandardCharsets.UTF_8)));
            p.send(new ProducerRecord<>("packets", null, new byte[40]));
            p.send(new ProducerRecord<>("signatures", "tuya-plug".getBytes(StandardCharsets.UTF_8),
                    "{\"format\": \"iotevent-signature\", \"version\": 1}".getBytes(StandardCharsets.UTF_8)));
        }
        cli("publish", "--homes", homes.toString(), "--bootstrap", kafka.bootstrap(), "--topic", "packets");
        JobID job = submit("--bootstrap", kafka.bootstrap(), "--topic", "packets", "--signature-topic", "signatures",
                "-s", signatures.toString(), "--output-topic", "detections", "--errors-topic", "errors", "--bounded",
                "--parallelism", "2", "--checkpoint-interval", "500", "--group-id", "same-answers",
                "--transactional-id-prefix", "same-answers");
        awaitSuccess(job);
        List<String> detections = values(kafka.readAll("detections", 2000));
        assertSameAsCli(detections);
        assertThat(expected.values().stream().mapToInt(List::size).sum()).as("detections compared").isGreaterThan(100);
        List<String> errors = values(kafka.readAll("errors", 1000));
        assertThat(errors).anyMatch(e -> e.startsWith("home home-0002: not a packet record: 12 bytes, shorter than"))
                .anyMatch(e -> e.startsWith("a record without a key"))
                .anyMatch(e -> e.startsWith("refused, the previous signature of tuya-plug stays: signature tuya-plug: "))
                .noneMatch(e -> e.contains("came behind the watermark"));
    }

    /**
     * A home's agent ({@code publish -r}) sends what {@code publish --homes} sends for that home:
     * the same records, keyed alike, on the same timeline (the first packet at the publishing start).
     */
    @Test
    void publishOfOneCaptureSendsWhatPublishOfItsHomeFolderSends() throws Exception {
        Path capture = homes.resolve("home-0002").resolve("lan.pcap");
        Path folder = Files.createDirectories(dir.resolve("one-home").resolve("home-0002"));
        Files.copy(capture, folder.resolve("lan.pcap"));
        kafka.createTopic("agent", 1);
        kafka.createTopic("folder", 1);
        cli("publish", "-r", capture.toString(), "--home", "home-0002", "--bootstrap", kafka.bootstrap(), "--topic", "agent");
        cli("publish", "--homes", folder.getParent().toString(), "--bootstrap", kafka.bootstrap(), "--topic", "folder");
        List<ConsumerRecord<byte[], byte[]>> agent = kafka.readAll("agent", 5000);
        List<ConsumerRecord<byte[], byte[]>> all = kafka.readAll("folder", 5000);
        long packets = 0;
        try (PacketSource source = CaptureReaders.open(capture)) {
            for (CaptureRecord r = new CaptureRecord(); source.next(r); ) {
                packets += r.hasTimestamp ? 1 : 0;
            }
        }
        assertThat(agent).hasSize((int) packets).hasSameSizeAs(all);
        for (int i = 0; i < agent.size(); i++) {
            assertThat(new String(agent.get(i).key(), StandardCharsets.UTF_8)).isEqualTo("home-0002");
            assertThat(agent.get(i).key()).isEqualTo(all.get(i).key());
            assertThat(agent.get(i).value()).as("record %d", i).isEqualTo(all.get(i).value());
            assertThat(agent.get(i).timestamp() - agent.get(0).timestamp()).as("record %d's time on the timeline", i)
                    .isEqualTo(all.get(i).timestamp() - all.get(0).timestamp());
        }
    }

    @Test
    void aFolderOfCapturesGivesTheSameDetectionsAsJsonLines() throws Exception {
        assertSameAsCli(jsonLinesOfTheHomes("jsonl-out"));
    }

    /**
     * The session-window variant cuts and names bursts as the timers do: the CLI's detections, each
     * with its peer_addr (the largest packet's peer).
     */
    @Test
    void sessionWindowsGiveTheSameDetectionsPeersIncluded() throws Exception {
        List<String> lines = jsonLinesOfTheHomes("session-out", "--session-windows");
        assertThat(lines).isNotEmpty().noneMatch(l -> l.contains("\"peer_addr\":null"));
        assertSameAsCli(lines);
    }

    /** The detections of a job over the folder of homes written as JSON Lines. */
    private static List<String> jsonLinesOfTheHomes(String folder, String... extra) throws Exception {
        Path out = dir.resolve(folder);
        List<String> args = new ArrayList<>(List.of("--homes", homes.toString(), "-s", signatures.toString(), "--jsonl",
                out.toString(), "--parallelism", "2", "--checkpoint-interval", "500"));
        args.addAll(List.of(extra));
        awaitSuccess(submit(args.toArray(new String[0])));
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(out)) {
            for (Path f : files.filter(f -> f.getFileName().toString().matches("detections-.*\\.jsonl")).toList()) {
                lines.addAll(Files.readAllLines(f));
            }
        }
        return lines;
    }

    @Test
    void aTaskManagerLostMidStreamLosesAndDuplicatesNothing() throws Exception {
        kafka.createTopic("packets-ft", 2);
        kafka.createTopic("detections-ft", 2);
        cli("publish", "--homes", homes.toString(), "--bootstrap", kafka.bootstrap(), "--topic", "packets-ft");
        JobID job = submit("--bootstrap", kafka.bootstrap(), "--topic", "packets-ft", "-s", signatures.toString(),
                "--output-topic", "detections-ft", "--bounded", "--parallelism", "2", "--checkpoint-interval", "300", "--max-rate", "500",
                "--group-id", "fault", "--transactional-id-prefix", "fault");
        int total = expected.values().stream().mapToInt(List::size).sum();
        // wait for the first committed detections: a checkpoint is complete, the job is mid-stream
        List<String> before = List.of();
        long deadline = System.currentTimeMillis() + 120_000;
        while (before.isEmpty() && System.currentTimeMillis() < deadline) {
            before = values(kafka.readAll("detections-ft", 300));
        }
        assertThat(flink.getJobStatus(job).get()).as("the job still runs when its TaskManager is lost")
                .isEqualTo(JobStatus.RUNNING);
        assertThat(before.size()).as("committed before the loss").isBetween(1, total - 1);
        flink.terminateTaskManager(0).get();
        flink.startTaskManager();
        awaitSuccess(job);
        assertSameAsCli(values(kafka.readAll("detections-ft", 2000)));
    }

    @Test
    void theBrokerGoingAwayAndComingBackLosesAndDuplicatesNothing() throws Exception {
        kafka.createTopic("packets-down", 2);
        kafka.createTopic("detections-down", 2);
        // the broker stops while publish sends (the homes' 15 minutes paced into about 9 s) and comes back
        var publish = java.util.concurrent.CompletableFuture.runAsync(() -> cli("publish", "--homes", homes.toString(),
                "--bootstrap", kafka.bootstrap(), "--topic", "packets-down", "--speed", "100"));
        Thread.sleep(2_000);
        assertThat(publish).as("publish still sends when the broker stops").isNotDone();
        kafka.stop();
        Thread.sleep(4_000);
        kafka.start();
        publish.get(3, TimeUnit.MINUTES);
        // and again while the job runs, after its first detections are committed
        JobID job = submit("--bootstrap", kafka.bootstrap(), "--topic", "packets-down", "-s", signatures.toString(),
                "--output-topic", "detections-down", "--bounded", "--parallelism", "2", "--checkpoint-interval", "300",
                "--max-rate", "200", "--group-id", "broker-down", "--transactional-id-prefix", "broker-down");
        int total = expected.values().stream().mapToInt(List::size).sum();
        List<String> before = List.of();
        long deadline = System.currentTimeMillis() + 120_000;
        while (before.isEmpty() && System.currentTimeMillis() < deadline) {
            before = values(kafka.readAll("detections-down", 300));
        }
        assertThat(before.size()).as("committed before the broker stops").isBetween(1, total - 1);
        assertThat(flink.getJobStatus(job).get()).as("the job still runs when the broker stops").isEqualTo(JobStatus.RUNNING);
        kafka.stop();
        Thread.sleep(5_000);
        kafka.start();
        awaitSuccess(job);
        assertSameAsCli(values(kafka.readAll("detections-down", 2000)));
    }

    @Test
    void aHomeThatGoesQuietDoesNotHoldBackTheOthers() throws Exception {
        // two partitions: home-0001 alone in one (its key's hash), the three others in the other
        for (int k = 1; k <= 4; k++) {
            byte[] key = String.format("home-%04d", k).getBytes(StandardCharsets.UTF_8);
            assertThat(Utils.toPositive(Utils.murmur2(key)) % 2).as("partition of home %d", k).isEqualTo(k == 1 ? 1 : 0);
        }
        kafka.createTopic("packets-quiet", 2);
        kafka.createTopic("detections-quiet", 2);
        kafka.createTopic("errors-quiet", 1);
        Path quiet = Files.createDirectories(dir.resolve("quiet"));
        long[][] span = new long[5][];
        for (int k = 1; k <= 4; k++) {
            String home = String.format("home-%04d", k);
            span[k] = firstAndLast(homes.resolve(home).resolve("lan.pcap"));
            if (k > 1) {
                Files.createSymbolicLink(quiet.resolve(home), homes.resolve(home));
            }
        }
        // home-0001 sends its first 5 minutes, then nothing
        Path first = Files.createDirectories(quiet.resolve("home-0001")).resolve("lan.pcap");
        try (PacketSource in = CaptureReaders.open(homes.resolve("home-0001/lan.pcap"));
                var out = new PcapWriter(Files.newOutputStream(first), 1)) {
            CaptureRecord r = new CaptureRecord();
            while (in.next(r) && r.timestampNanos - span[1][0] < 300_000_000_000L) {
                byte[] frame = r.copyBytes();
                out.write(r.timestampNanos, frame, 0, frame.length, r.wireLength);
            }
        }
        Path quietCli = dir.resolve("quiet-home-0001.jsonl");
        cli("detect", "-q", "-r", first.toString(), "-s", signatures.toString(), "--format", "jsonl", "-o",
                quietCli.toString());
        List<String> expectedQuiet = comparable(Files.readAllLines(quietCli));
        JobID job = submit("--bootstrap", kafka.bootstrap(), "--topic", "packets-quiet", "-s", signatures.toString(),
                "--output-topic", "detections-quiet", "--errors-topic", "errors-quiet", "--idle", "3000", "--out-of-orderness", "30000",
                "--parallelism", "2", "--checkpoint-interval", "300", "--group-id", "quiet", "--transactional-id-prefix", "quiet");
        Thread.sleep(5_000); // the partitions are silent (idle) before the agents start, as in a live deployment
        // the four homes on one timeline, paced at 60 times their pace: 30 s of out-of-orderness on the timeline are
        // 0.5 s of real time, for the partitions' records to reach their source readers after an idle spell, and a
        // partition counts as idle only after 3 s without records, longer than a busy machine stalls a reader (one
        // publisher: agents started apart would put their timelines 59 times their start difference apart)
        cli("publish", "--homes", quiet.toString(), "--bootstrap", kafka.bootstrap(), "--topic", "packets-quiet",
                "--speed", "60");
        // each of the others' bursts that ends 33 s (out-of-orderness, a, margin) before the latest packet on the
        // timeline closes on the watermark the other homes move, however long home-0001 stays quiet; and so do
        // home-0001's last bursts, which only the others' time closes
        long latest = 0;
        for (int k = 2; k <= 4; k++) {
            latest = Math.max(latest, span[k][1] - span[k][0]);
        }
        Map<String, List<String>> required = new TreeMap<>();
        required.put("home-0001", expectedQuiet);
        for (int k = 2; k <= 4; k++) {
            String home = String.format("home-%04d", k);
            List<String> r = new ArrayList<>();
            for (String line : expected.get(home)) {
                long end = (long) (JSON.readTree(line).get("end").decimalValue().doubleValue() * 1e9);
                if (end - span[k][0] < latest - 33_000_000_000L) {
                    r.add(line);
                }
            }
            required.put(home, r);
        }
        int count = required.values().stream().mapToInt(List::size).sum();
        Map<String, List<String>> actual = Map.of();
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline && actual.values().stream().mapToInt(List::size).sum() < count) {
            actual = byHome(values(kafka.readAll("detections-quiet", 1000)));
        }
        flink.cancelJob(job).get();
        assertThat(actual.get("home-0001")).as("the quiet home's detections, its last bursts closed by the others' time")
                .containsExactlyInAnyOrderElementsOf(expectedQuiet);
        for (int k = 2; k <= 4; k++) {
            String home = String.format("home-%04d", k);
            assertThat(expected.get(home)).as("%s: nothing but the CLI's detections", home).containsAll(actual.get(home));
            assertThat(actual.get(home)).as("%s: every detection up to the end of the run", home)
                    .containsAll(required.get(home)).doesNotHaveDuplicates();
        }
        assertThat(values(kafka.readAll("errors-quiet", 500))).noneMatch(e -> e.contains("came behind the watermark"));
    }

    @Test
    void aReplayOfMoreThanAnHourAtFullSpeedIsRefusedWithTheReason() throws Exception {
        Path longHome = dir.resolve("long-home");
        cli("simulate", "--homes", "1", "--hours", "1.2", "--seed", "9", "--vantage", "lan", "-o", longHome.toString());
        kafka.createTopic("packets-ahead", 1); // the broker's default: timestamps at most an hour ahead
        StringWriter err = new StringWriter();
        CommandLine c = Main.newCommandLine();
        c.setOut(new PrintWriter(new StringWriter()));
        c.setErr(new PrintWriter(err));
        assertThat(c.execute("publish", "--homes", longHome.toString(), "--bootstrap", kafka.bootstrap(), "--topic",
                "packets-ahead")).isNotZero();
        assertThat(err.toString()).contains("--topic packets-ahead: a record was not delivered")
                .contains("ran more than an hour ahead of now").contains("message.timestamp.after.max.ms")
                .doesNotContain("\tat ");
    }

    /** The first and the last packet's time in a capture, ns. */
    private static long[] firstAndLast(Path capture) throws Exception {
        try (PacketSource in = CaptureReaders.open(capture)) {
            CaptureRecord r = new CaptureRecord();
            long[] span = {Long.MIN_VALUE, 0};
            while (in.next(r)) {
                span[0] = span[0] == Long.MIN_VALUE ? r.timestampNanos : span[0];
                span[1] = r.timestampNanos;
            }
            return span;
        }
    }
}
