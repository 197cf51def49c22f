package org.iotevent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.iotevent.sim.HomeReader;
import org.iotevent.sim.HomeSimulator;
import org.iotevent.sim.SimulationOptions;
import org.iotevent.sim.Vantage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default classifier end to end on simulated homes: train chooses a and b itself and
 * reports them, and detect watches several devices in one pass over a capture where their
 * traffic interleaves, naming each detection DEVICE/EVENT.
 */
class WholeHomeDetectTest {
    private static final long S = 1_000_000_000L;

    @TempDir
    static Path dir;
    static Path train;
    static Path test;

    @BeforeAll
    static void simulate() throws Exception {
        train = dir.resolve("train");
        test = dir.resolve("test");
        HomeSimulator.run(HomeReader.defaultHome(), options(1, 3600), train);
        HomeSimulator.run(HomeReader.defaultHome(), options(2, 1800), test);
    }

    private static SimulationOptions options(long seed, long seconds) {
        return SimulationOptions.defaults(seed).withDurationNanos(seconds * S).withVantages(EnumSet.of(Vantage.LAN));
    }

    private static Cli train(String device, String address, Path out, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "-r", train.resolve("lan.pcap").toString(), "--events",
                train.resolve("events").resolve(device + ".csv").toString(), "--device", address, "-o", out.toString()));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(new String[0]));
    }

    @Test
    void trainEstimatesAAndBAndUsesTheAlignClassifierByDefault() throws Exception {
        Cli r = train("mi-plug-mini", "192.168.1.101", dir.resolve("auto.json"));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("a = \\d+\\.\\d+ s estimated: the shortest gap that keeps each trigger's answer in one burst .*; \\d+ gaps inside bursts")
                .containsPattern("b = \\d+\\.\\d+ s estimated: \\d+ of \\d+ events have a burst starting within b")
                .contains("classifier align");
        Cli given = train("mi-plug-mini", "192.168.1.101", dir.resolve("given.json"), "-a", "1", "-b", "3", "--classifier",
                "paper");
        assertThat(given.exit()).as(given.err()).isZero();
        assertThat(given.out()).contains("a and b as given").contains("(a = 1 s)").contains("classifier paper");
        Cli bad = train("mi-plug-mini", "192.168.1.101", dir.resolve("bad.json"), "-a", "soon");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("-a soon: expected seconds");
    }

    /**
     * A real process writes its detections and alerts as bytes straight to the standard streams:
     * the same lines as the in-process writers get, in the same order.
     */
    @Test
    void aProcessWritesTheSameDetectionsAndAlertsAsTheWriters() throws Exception {
        Path signatures = Files.createDirectories(dir.resolve("process-signatures"));
        assertThat(train("yeelight-strip", "192.168.1.100", signatures.resolve("strip-\u00e9.json")).exit()).isZero();
        assertThat(train("mi-plug-mini", "192.168.1.101", signatures.resolve("plug.json")).exit()).isZero();
        Path run = Files.createDirectories(dir.resolve("process-run"));
        for (String format : List.of("jsonl", "csv", "table")) {
            String[] args = {"detect", "-r", test.resolve("lan.pcap").toString(), "-s", signatures.toString(), "--format", format};
            Cli in = Cli.run(args);
            SignatureReadAhead.start(args); // as the process's main does: the signatures read meanwhile
            Cli ahead = Cli.run(args);
            assertThat(SignatureReadAhead.used).as("read ahead").isTrue();
            assertThat(ahead).as(format).isEqualTo(in);
            ProcessBuilder pb = CliProcess.builder(run, args).redirectOutput(run.resolve("stdout").toFile())
                    .redirectError(run.resolve("stderr").toFile());
            pb.environment().put("LC_ALL", "C.UTF-8"); // the device name with an accent written as UTF-8
            assertThat(pb.start().waitFor()).isZero();
            String out = Files.readString(run.resolve("stdout"));
            assertThat(out).as(format).isEqualTo(in.out()).contains("plug");
            List<String> alerts = Files.readString(run.resolve("stderr")).lines().filter(l -> l.contains(" ALERT ")).toList();
            assertThat(alerts).as(format).hasSizeGreaterThan(10)
                    .isEqualTo(in.err().lines().filter(l -> l.contains(" ALERT ")).toList());
        }
    }

    @Test
    void aCampaignFolderOfRotatedCapturesTrainsLikeTheSingleFile() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("campaign"));
        splitInTwo(train.resolve("lan.pcap"), folder.resolve("capture-001.pcap"), folder.resolve("capture-002.pcap"));
        Files.copy(train.resolve("events").resolve("mi-plug-mini.csv"), folder.resolve("events.csv"));
        Path fromFile = dir.resolve("from-file.json");
        Path fromFolder = dir.resolve("from-folder.json");
        Cli one = train("mi-plug-mini", "192.168.1.101", fromFile, "-a", "1", "-b", "3");
        Cli two = Cli.run("train", "-r", folder.toString(), "--events", folder.resolve("events.csv").toString(),
                "--device", "192.168.1.101", "-a", "1", "-b", "3", "-o", fromFolder.toString());
        assertThat(one.exit()).as(one.err()).isZero();
        assertThat(two.exit()).as(two.err()).isZero();
        List<String> expected = samples(fromFile);
        assertThat(expected).hasSizeGreaterThan(20);
        assertThat(samples(fromFolder)).isEqualTo(expected);
    }

    @Test
    void aDamagedCaptureKeepsTheDetectionsBeforeTheFaultInTheOutputFile() throws Exception {
        Path signature = dir.resolve("damaged-plug.json");
        assertThat(train("mi-plug-mini", "192.168.1.101", signature, "-a", "1", "-b", "3").exit()).isZero();
        Path whole = test.resolve("lan.pcap");
        Path cut = dir.resolve("cut.pcap");
        byte[] bytes = Files.readAllBytes(whole);
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length * 3 / 4));
        Path full = dir.resolve("full.jsonl");
        Path partial = dir.resolve("partial.jsonl");
        Cli ok = Cli.run("detect", "-r", whole.toString(), "-s", signature.toString(), "--format", "jsonl", "-o", full.toString());
        Cli damaged = Cli.run("detect", "-r", cut.toString(), "-s", signature.toString(), "--format", "jsonl", "-o",
                partial.toString());
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(damaged.exit()).isEqualTo(1);
        assertThat(damaged.err()).contains(cut.toString()).contains("cut in the middle of record");
        List<String> kept = Files.readAllLines(partial);
        List<String> all = Files.readAllLines(full);
        assertThat(kept).hasSizeGreaterThan(all.size() / 2);
        assertThat(all.subList(0, kept.size())).isEqualTo(kept);
    }

    /**
     * --annotate on two devices: the packets tshark finds commented "plug on" ("strip on") are
     * that device's packets within the bursts detected as on.
     */
    private static void annotatedCaptureNamesEachDevicesBursts(Path signatures, String csv) throws Exception {
        Path lan = test.resolve("lan.pcap");
        Path annotated = dir.resolve("annotated.pcapng");
        Cli r = Cli.run("detect", "-q", "-r", lan.toString(), "-s", signatures.toString(), "--format", "csv", "--annotate",
                annotated.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(csv);
        for (String[] device : new String[][] {{"plug", "192.168.1.101"}, {"strip", "192.168.1.100"}}) {
            List<String[]> on = csv.lines().skip(1).map(l -> l.split(","))
                    .filter(c -> c[2].equals(device[0]) && c[5].equals("on")).toList();
            assertThat(on).as(device[0]).isNotEmpty();
            String ranges = String.join(" || ", on.stream().map(c -> "(frame.number >= " + c[10] + " && frame.number <= "
                    + c[11] + ")").toList());
            List<String> expected = tshark("-r", lan.toString(), "-Y", "ip.addr == " + device[1] + " && (" + ranges + ")");
            List<String> commented = tshark("-r", annotated.toString(), "-Y", "frame.comment contains \"" + device[0] + " on \"");
            assertThat(commented).as(device[0]).hasSizeGreaterThan(on.size()).isEqualTo(expected);
        }
    }

    private static List<String> tshark(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("tshark"));
        command.addAll(List.of(args));
        command.addAll(List.of("-T", "fields", "-e", "frame.number"));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (java.io.IOException e) {
            org.junit.jupiter.api.Assumptions.assumeTrue(false, "tshark is not installed (.ci/run installs it)");
            return null;
        }
        List<String> out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                .toList();
        assertThat(p.waitFor()).isZero();
        return out;
    }

    private static List<String> samples(Path signature) throws Exception {
        return org.iotevent.signature.SignatureFile.read(signature).samples().stream()
                .map(s -> s.label() + java.util.Arrays.toString(s.signedLengths())).toList();
    }

    /** Writes the first half of the packets of {@code capture} to {@code a}, the rest to {@code b}. */
    private static void splitInTwo(Path capture, Path a, Path b) throws Exception {
        long packets;
        try (org.iotevent.capture.PacketSource count = org.iotevent.capture.CaptureReaders.open(capture)) {
            org.iotevent.capture.CaptureRecord r = new org.iotevent.capture.CaptureRecord();
            long n = 0;
            while (count.next(r)) {
                n++;
            }
            packets = n;
        }
        try (org.iotevent.capture.PacketSource in = org.iotevent.capture.CaptureReaders.open(capture);
                org.iotevent.capture.PcapWriter first = new org.iotevent.capture.PcapWriter(Files.newOutputStream(a), 1);
                org.iotevent.capture.PcapWriter second = new org.iotevent.capture.PcapWriter(Files.newOutputStream(b), 1)) {
            org.iotevent.capture.CaptureRecord r = new org.iotevent.capture.CaptureRecord();
            while (in.next(r)) {
                byte[] bytes = r.copyBytes();
                (r.frameNumber <= packets / 2 ? first : second).write(r.timestampNanos, bytes, 0, bytes.length, r.wireLength);
            }
        }
    }

    @Test
    void oneDetectWatchesSeveralDevicesWhoseTrafficInterleaves() throws Exception {
        Path signatures = Files.createDirectories(dir.resolve("signatures"));
        assertThat(train("yeelight-strip", "192.168.1.100", signatures.resolve("strip.json")).exit()).isZero();
        assertThat(train("mi-plug-mini", "192.168.1.101", signatures.resolve("plug.json")).exit()).isZero();
        Cli r = Cli.run("detect", "-r", test.resolve("lan.pcap").toString(), "-s", signatures.toString(), "--format", "csv");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("iotevent: plug: ").contains("iotevent: strip: ").contains("ALERT plug/on at ");
        for (String[] device : new String[][] {{"plug", "mi-plug-mini"}, {"strip", "yeelight-strip"}}) {
            List<String> logged = Files.readAllLines(test.resolve("events").resolve(device[1] + ".csv")).stream().skip(1)
                    .map(line -> line.substring(line.indexOf(',') + 1)).toList();
            // CSV columns: ts,uid,device,device_addr,peer_addr,event,...
            List<String[]> rows = r.out().lines().skip(1).map(l -> l.split(",")).filter(c -> c[2].equals(device[0])).toList();
            long detected = rows.stream().filter(c -> !c[5].equals("other") && !c[5].equals("unknown")).count();
            assertThat(detected).as(device[0]).isBetween(logged.size() - 2L, logged.size() + 2L);
            for (String event : logged.stream().distinct().toList()) {
                long want = logged.stream().filter(event::equals).count();
                long got = rows.stream().filter(c -> c[5].equals(event)).count();
                assertThat(got).as(device[0] + "/" + event).isBetween(want - 1, want + 1);
            }
        }
        // one stream in time order across devices, both devices interleaved in it
        List<String> ts = r.out().lines().skip(1).map(l -> l.split(",")[0]).toList();
        assertThat(ts).isSortedAccordingTo(java.util.Comparator.comparing(java.math.BigDecimal::new));
        assertThat(r.out().lines().skip(1).map(l -> l.split(",")[2]).distinct()).containsExactlyInAnyOrder("plug", "strip");
        annotatedCaptureNamesEachDevicesBursts(signatures, r.out());
        Cli mixed = Cli.run("detect", "-r", test.resolve("lan.pcap").toString(), "-s", signatures.toString(), "--device",
                "192.168.1.101");
        assertThat(mixed.exit()).isEqualTo(1);
        assertThat(mixed.err()).contains("--device selects one device");
        // the signatures are read together: of several bad ones, the first given is the one named
        Path cut = Files.writeString(dir.resolve("cut.json"), Files.readString(signatures.resolve("plug.json")).substring(0, 200));
        Path empty = Files.writeString(dir.resolve("empty.json"), "");
        for (List<Path> order : List.of(List.of(signatures.resolve("strip.json"), cut, empty), List.of(empty, cut))) {
            Cli bad = Cli.run("detect", "-r", test.resolve("lan.pcap").toString(), "-s",
                    String.join(",", order.stream().map(Path::toString).toList()));
            assertThat(bad.exit()).isEqualTo(1);
            Path first = order.get(order.size() == 3 ? 1 : 0);
            assertThat(bad.err()).startsWith("iotevent: " + first).doesNotContain(first == cut ? empty.toString() : cut.toString());
        }
    }
}
