package org.iotevent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.iotevent.capture.CaptureReaders;
import org.iotevent.capture.CaptureRecord;
import org.iotevent.capture.PacketSource;
import org.iotevent.capture.PcapWriter;
import org.iotevent.traffic.SyntheticHome;
import org.junit.jupiter.api.Test;

/**
 * What tcpdump, mergecap and tshark users expect, checked against those tools: a trailing filter
 * expression, {@code -c}, several {@code -r}, gzip, streaming from standard input, {@code -q}.
 */
class TcpdumpHabitsTest extends SyntheticPlugTest {
    @Test
    void aFilterExpressionKeepsThePacketsTcpdumpKeepsWithTheirFrameNumbers() throws Exception {
        List<String> all = Cli.run("inspect", "-r", lan.toString()).out().lines().toList();
        for (String expression : List.of("host " + SyntheticHome.PLUG_IP, "tcp and not host " + SyntheticHome.PLUG_IP,
                "udp port 53", "tcp[tcpflags] & tcp-push != 0 or greater 200")) {
            Path kept = dir.resolve("kept.pcap");
            tool("tcpdump", "--time-stamp-precision=nano", "-r", lan.toString(), "-w", kept.toString(), "--", expression);
            Cli ours = Cli.run("inspect", "-r", lan.toString(), expression);
            assertThat(ours.exit()).as(ours.err()).isZero();
            List<String> rows = ours.out().lines().toList();
            List<String> theirs = Cli.run("inspect", "-r", kept.toString()).out().lines().toList();
            assertThat(rows).as(expression).hasSize(theirs.size());
            assertThat(rows.size()).as(expression).isGreaterThan(1).isLessThan(all.size());
            for (int i = 1; i < rows.size(); i++) {
                String row = rows.get(i);
                // the same packet as tcpdump's, and the frame number it has in the whole capture
                assertThat(afterFrame(row)).isEqualTo(afterFrame(theirs.get(i)));
                assertThat(all.get(Integer.parseInt(row.substring(0, row.indexOf('\t'))))).isEqualTo(row);
            }
        }
    }

    @Test
    void aWrongExpressionGetsLibpcapsMessage() {
        tcpdumpInstalled();
        Cli r = Cli.run("inspect", "-r", lan.toString(), "tcp", "prt", "80");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("iotevent: filter 'tcp prt 80': can't parse filter expression: syntax error\n");
    }

    @Test
    void countStopsAfterThatManyMatchingPacketsAsTcpdump() throws Exception {
        Path kept = dir.resolve("first.pcap");
        tool("tcpdump", "--time-stamp-precision=nano", "-c", "7", "-r", lan.toString(), "-w", kept.toString(), "--", "tcp");
        List<String> rows = Cli.run("inspect", "-r", lan.toString(), "-c", "7", "tcp").out().lines().toList();
        List<String> theirs = Cli.run("inspect", "-r", kept.toString()).out().lines().toList();
        assertThat(rows).hasSize(8);
        for (int i = 1; i < rows.size(); i++) {
            assertThat(afterFrame(rows.get(i))).isEqualTo(afterFrame(theirs.get(i)));
        }
        assertThat(Cli.run("inspect", "-r", lan.toString(), "-c", "0").err()).contains("-c 0: expected a count");
    }

    @Test
    void severalCapturesAreMergedInTimeOrderAsMergecapMergesThem() throws Exception {
        Path odd = dir.resolve("odd.pcap");
        Path even = dir.resolve("even.pcap");
        split(lan, odd, even, 0);
        Path merged = dir.resolve("merged.pcap");
        tool("mergecap", "-F", "nsecpcap", "-w", merged.toString(), even.toString(), odd.toString());
        Cli ours = Cli.run("inspect", "-r", even.toString(), "-r", odd.toString());
        assertThat(ours.exit()).as(ours.err()).isZero();
        assertThat(ours.err()).isEmpty();
        assertThat(ours.out()).isEqualTo(Cli.run("inspect", "-r", merged.toString()).out());
        assertThat(ours.out().lines()).hasSize(Cli.run("inspect", "-r", lan.toString()).out().lines().toList().size());
    }

    @Test
    void packetsGivenTwiceAreReadOnceAndSaid() throws Exception {
        Path odd = dir.resolve("odd.pcap");
        Path even = dir.resolve("even.pcap");
        Path evenAndSome = dir.resolve("even-and-some.pcap");
        split(lan, odd, even, 0);
        split(lan, odd, evenAndSome, 5); // the second file also holds the first 5 odd packets
        Cli ours = Cli.run("inspect", "-r", odd.toString(), "-r", evenAndSome.toString());
        assertThat(ours.exit()).as(ours.err()).isZero();
        assertThat(ours.out()).isEqualTo(Cli.run("inspect", "-r", odd.toString(), "-r", even.toString()).out());
        assertThat(ours.err()).isEqualTo("iotevent: warning: " + evenAndSome + " holds packets that " + odd
                + " holds too (the first: its frame 1): each such packet is read once\n");

        Path copy = dir.resolve("copy.pcap");
        Files.copy(lan, copy);
        Cli twice = Cli.run("inspect", "-r", lan.toString(), "-r", copy.toString());
        assertThat(twice.exit()).isEqualTo(1);
        assertThat(twice.err()).isEqualTo("iotevent: " + copy + " and " + lan
                + " are the same capture (identical bytes): reading both would count every packet twice\n");
    }

    @Test
    void aGzipCaptureIsReadAsTsharkReadsIt() throws Exception {
        Path gz = dir.resolve("lan.cap"); // no .gz: the magic number tells
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(lan, out);
        }
        Cli ours = Cli.run("inspect", "-r", gz.toString());
        assertThat(ours.exit()).as(ours.err()).isZero();
        assertThat(ours.out()).isEqualTo(Cli.run("inspect", "-r", lan.toString()).out());
        String frames = tool("tshark", "-r", gz.toString(), "-T", "fields", "-e", "frame.number", "-e", "frame.len");
        assertThat(ours.out().lines().skip(1).map(l -> l.split("\t")[0] + "\t" + l.split("\t")[2]).toList())
                .isEqualTo(frames.lines().toList());

        byte[] bytes = Files.readAllBytes(gz);
        Files.write(gz, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Cli cut = Cli.run("inspect", "-r", gz.toString());
        assertThat(cut.exit()).isEqualTo(1);
        assertThat(cut.err()).startsWith("iotevent: " + gz + ": the gzip-compressed data is cut or damaged");
        assertThat(cut.out().lines().count()).isGreaterThan(10);
    }

    @Test
    void inspectFromStandardInputPrintsEachRowAsItsPacketArrives() throws Exception {
        PipedOutputStream feed = new PipedOutputStream();
        InputStream saved = System.in;
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Writer sink = new Writer() {
            private final StringBuilder line = new StringBuilder();

            @Override
            public void write(char[] c, int off, int len) {
                for (int i = off; i < off + len; i++) {
                    if (c[i] == '\n') {
                        lines.add(line.toString());
                        line.setLength(0);
                    } else {
                        line.append(c[i]);
                    }
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        byte[] capture = Files.readAllBytes(lan);
        int header = 24;
        int firstRecord = 16 + (capture[32] & 0xFF | (capture[33] & 0xFF) << 8);
        System.setIn(new PipedInputStream(feed, 1 << 16));
        Thread run = new Thread(() -> Main.newCommandLine().setOut(new PrintWriter(sink)).execute("inspect", "-r", "-"));
        try {
            run.start();
            feed.write(capture, 0, header + firstRecord);
            feed.flush();
            // the input stays open: the row must come now, not at its end
            assertThat(lines.poll(30, TimeUnit.SECONDS)).startsWith("frame\t");
            assertThat(lines.poll(30, TimeUnit.SECONDS)).as("the first packet's row while the input is open").startsWith("1\t");
            feed.close();
            run.join(30_000);
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void detectTakesOneSignaturePerOptionATrailingFilterAndQuiet() throws Exception {
        Path signature = dir.resolve("plug.json");
        Cli trained = Cli.run("train", "-r", lan.toString(), "--events", events.toString(), "--device",
                SyntheticHome.PLUG_IP, "--privacy", "ON", "-o", signature.toString());
        assertThat(trained.exit()).as(trained.err()).isZero();

        Cli plain = Cli.run("detect", "-r", lan.toString(), "-s", signature.toString(), "--format", "jsonl");
        assertThat(plain.exit()).as(plain.err()).isZero();
        assertThat(plain.out().lines()).hasSize(40).allMatch(l -> l.startsWith("{\"ts\":"));
        // the device and the cloud it spoke with, as a Zeek user reads conn.log's id fields
        assertThat(plain.out().lines().filter(l -> l.contains("\"event\":\"ON\"")))
                .hasSize(10).allMatch(l -> l.contains("\"device\":\"plug\",\"device_addr\":\"" + SyntheticHome.PLUG_IP
                        + "\",\"peer_addr\":\"52.1.2.3\",\"event\":\"ON\""));
        assertThat(plain.err()).contains("ALERT ON at ").contains("40 bursts");

        Cli quiet = Cli.run("detect", "-q", "-r", lan.toString(), "-s", signature.toString(), "--format", "jsonl",
                "host " + SyntheticHome.PLUG_IP);
        assertThat(quiet.exit()).as(quiet.err()).isZero();
        assertThat(quiet.err()).isEmpty();
        assertThat(quiet.out()).isEqualTo(plain.out());

        Cli typo = Cli.run("detect", "-r", lan.toString(), "-s", signature.toString(), "--formt", "jsonl");
        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.err()).contains("Unknown option: '--formt'").contains("--format");

        Cli none = Cli.run("detect", "-r", lan.toString(), "-s", signature.toString(), "not", "host",
                SyntheticHome.PLUG_IP);
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.err()).contains("no packet of the device (IP " + SyntheticHome.PLUG_IP + ")");
    }

    @Test
    void annotateCommentsEveryPacketOfEachBurstForWireshark() throws Exception {
        Path signature = dir.resolve("plug.json");
        assertThat(Cli.run("train", "-r", lan.toString(), "--events", events.toString(), "--device",
                SyntheticHome.PLUG_IP, "--privacy", "ON", "-o", signature.toString()).exit()).isZero();
        Path annotated = dir.resolve("annotated.pcapng");
        Cli r = Cli.run("detect", "-r", lan.toString(), "-s", signature.toString(), "--format", "csv", "--annotate",
                annotated.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        // the frames of the bursts detected as ON, and the device's packets among them, by tshark on the original
        List<String[]> on = r.out().lines().skip(1).map(l -> l.split(",")).filter(c -> c[5].equals("ON")).toList();
        assertThat(on).hasSize(10);
        String ranges = String.join(" || ", on.stream().map(c -> "(frame.number >= " + c[10] + " && frame.number <= "
                + c[11] + ")").toList());
        String expected = tool("tshark", "-r", lan.toString(), "-Y", "ip.addr == " + SyntheticHome.PLUG_IP + " && ("
                + ranges + ")", "-T", "fields", "-e", "frame.number");
        String commented = tool("tshark", "-r", annotated.toString(), "-Y", "frame.comment contains \"ON\"", "-T",
                "fields", "-e", "frame.number");
        assertThat(commented.lines()).hasSize(40).isEqualTo(expected.lines().toList());
        String comment = tool("tshark", "-r", annotated.toString(), "-Y", "frame.number == " + on.get(0)[10], "-T",
                "fields", "-e", "frame.comment");
        assertThat(comment.strip()).isEqualTo("plug ON privacy=yes distance=" + on.get(0)[9] + " burst=" + on.get(0)[1]);
        Cli overInput = Cli.run("detect", "-r", annotated.toString(), "-s", signature.toString(), "--annotate",
                annotated.toString());
        assertThat(overInput.exit()).isEqualTo(1);
        assertThat(overInput.err()).contains("it is the input").contains("writing it would destroy what is read");
        // every packet is there, in order, those of no burst without a comment
        assertThat(tool("tshark", "-r", annotated.toString(), "-T", "fields", "-e", "frame.len"))
                .isEqualTo(tool("tshark", "-r", lan.toString(), "-T", "fields", "-e", "frame.len"));
        long plugPackets = tool("tshark", "-r", lan.toString(), "-Y", "ip.addr == " + SyntheticHome.PLUG_IP).lines().count();
        assertThat(tool("tshark", "-r", annotated.toString(), "-Y", "frame.comment").lines().count()).isEqualTo(plugPackets);
    }

    @Test
    void longWorkSaysHowFarItGotUnlessQuiet() throws Exception {
        Path big = dir.resolve("big.pcap");
        Path bigEvents = dir.resolve("big.csv");
        SyntheticHome.writeLog(bigEvents, SyntheticHome.write(big, SyntheticHome.Vantage.LAN, 400, 2));
        Path signature = dir.resolve("plug.json");
        assertThat(Cli.run("train", "-q", "-r", big.toString(), "--events", bigEvents.toString(), "--device",
                SyntheticHome.PLUG_IP, "-o", signature.toString()).exit()).isZero();
        int saved = Progress.lineSeconds;
        Progress.lineSeconds = 0; // a line at every check instead of every 5 s
        try {
            Cli loud = Cli.run("detect", "-r", big.toString(), "-s", signature.toString(), "--format", "jsonl");
            assertThat(loud.exit()).as(loud.err()).isZero();
            assertThat(loud.err().lines().filter(l -> l.startsWith("iotevent: detect: ")))
                    .isNotEmpty().first().asString().matches("iotevent: detect: \\d+\\.\\d M packets in 0:\\d\\d, "
                            + "\\d+ % of \\d+ MB, about 0:\\d\\d left");
            assertThat(loud.err()).contains("iotevent: detect: done, ");
            Cli quiet = Cli.run("detect", "-q", "-r", big.toString(), "-s", signature.toString(), "--format", "jsonl");
            assertThat(quiet.err()).isEmpty();
            assertThat(quiet.out()).isEqualTo(loud.out());
        } finally {
            Progress.lineSeconds = saved;
        }
    }

    @Test
    void aFolderWithATornFileIsReadPastTheCut() throws Exception {
        Path signature = dir.resolve("plug.json");
        assertThat(Cli.run("train", "-r", lan.toString(), "--events", events.toString(), "--device",
                SyntheticHome.PLUG_IP, "-a", "1", "-b", "3", "-o", signature.toString()).exit()).isZero();
        Path folder = Files.createDirectories(dir.resolve("campaign"));
        Path first = folder.resolve("capture-001.pcap");
        Path second = folder.resolve("capture-002.pcap");
        splitInTime(lan, first, second);
        byte[] bytes = Files.readAllBytes(first);
        Files.write(first, java.util.Arrays.copyOf(bytes, bytes.length - 20)); // the power went out here
        Files.copy(second, folder.resolve("copy-of-002.pcap"));

        Cli r = Cli.run("detect", "-r", folder.toString(), "-s", signature.toString(), "--format", "csv", "-v");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("iotevent: warning: " + folder.resolve("copy-of-002.pcap") + " is identical to "
                + second + ": skipped").contains("iotevent: warning: " + first + ": cut in the middle of record ")
                .contains("going on with " + second).contains("iotevent: reading " + folder)
                .contains("iotevent: watching plug (IP " + SyntheticHome.PLUG_IP + ") with " + signature);
        // the bursts of both files, each once: all but the one the cut went through
        List<String> whole = Cli.run("detect", "-r", lan.toString(), "-s", signature.toString(), "--format", "csv")
                .out().lines().toList();
        assertThat(r.out().lines().count()).isBetween(whole.size() - 2L, (long) whole.size());
    }

    /**
     * The packets of {@code capture} as {time, bytes, wire length}, in time order (the synthetic
     * capture is not; real captures nearly are).
     */
    private static List<Object[]> inTimeOrder(Path capture) throws IOException {
        List<Object[]> packets = new java.util.ArrayList<>();
        try (PacketSource in = CaptureReaders.open(capture)) {
            CaptureRecord r = new CaptureRecord();
            while (in.next(r)) {
                packets.add(new Object[] {r.timestampNanos, r.copyBytes(), r.wireLength});
            }
        }
        packets.sort(java.util.Comparator.comparingLong(p -> (Long) p[0]));
        return packets;
    }

    /** Writes the packets of {@code capture} before its middle time to {@code a}, the rest to {@code b}. */
    private static void splitInTime(Path capture, Path a, Path b) throws IOException {
        List<Object[]> packets = inTimeOrder(capture);
        try (PcapWriter x = new PcapWriter(Files.newOutputStream(a), 1);
                PcapWriter y = new PcapWriter(Files.newOutputStream(b), 1)) {
            for (int i = 0; i < packets.size(); i++) {
                Object[] p = packets.get(i);
                byte[] bytes = (byte[]) p[1];
                (i < packets.size() / 2 ? x : y).write((Long) p[0], bytes, 0, bytes.length, (Long) p[2]);
            }
        }
    }

    /** The row without its frame number. */
    private static String afterFrame(String row) {
        return row.substring(row.indexOf('\t'));
    }

    /**
     * Writes the odd-numbered packets of {@code capture} to {@code odd} and the even ones to
     * {@code even}, plus the first {@code alsoOdd} odd ones there too.
     */
    private static void split(Path capture, Path odd, Path even, int alsoOdd) throws IOException {
        List<Object[]> packets = inTimeOrder(capture);
        try (PcapWriter a = new PcapWriter(Files.newOutputStream(odd), 1);
                PcapWriter b = new PcapWriter(Files.newOutputStream(even), 1)) {
            int oddSeen = 0;
            for (int i = 0; i < packets.size(); i++) {
                Object[] p = packets.get(i);
                byte[] bytes = (byte[]) p[1];
                boolean isOdd = i % 2 == 0;
                if (isOdd) {
                    a.write((Long) p[0], bytes, 0, bytes.length, (Long) p[2]);
                }
                if (!isOdd || oddSeen++ < alsoOdd) {
                    b.write((Long) p[0], bytes, 0, bytes.length, (Long) p[2]);
                }
            }
        }
    }

    /** Runs a Wireshark or tcpdump tool, skipping the test when it is not installed; its stdout. */
    private static String tool(String... command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            assumeTrue(false, command[0] + " is not installed (.ci/run installs tcpdump and tshark)");
            return null;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", command)).isZero();
        return out;
    }

    private static void tcpdumpInstalled() {
        try {
            new ProcessBuilder("tcpdump", "--version").redirectErrorStream(true).start().waitFor();
        } catch (IOException | InterruptedException e) {
            assumeTrue(false, "tcpdump is not installed (.ci/run installs it)");
        }
    }
}
