package org.iotevent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.iotevent.capture.LinkType;
import org.iotevent.capture.PcapWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {
    /** Ethernet, IPv4 192.0.2.1 -> 198.51.100.2, UDP 5353 -> 53, 4 payload bytes. */
    private static final byte[] UDP_FRAME = HexFormat.of().parseHex("020000000001" + "020000000002" + "0800"
            + "45000020" + "00000000" + "40110000" + "c0000201" + "c6336402" // IPv4 header, total length 32
            + "14e90035000c0000" + "61626364"); // UDP header, length 12; payload "abcd"
    /** 802.11 ACK to 00:00:00:00:00:b2. */
    private static final byte[] ACK_FRAME = HexFormat.of().parseHex("d4000000" + "0000000000b2");

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    private static Run inspect(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] full = new String[args.length + 1];
        full[0] = "inspect";
        System.arraycopy(args, 0, full, 1, args.length);
        int exit = Main.newCommandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(full);
        return new Run(exit, out.toString(), err.toString());
    }

    private Path pcap(int linkType, byte[]... frames) throws IOException {
        Path file = dir.resolve("t.pcap");
        try (PcapWriter w = new PcapWriter(Files.newOutputStream(file), linkType)) {
            long t = 1_700_000_000_000_000_123L;
            for (byte[] f : frames) {
                w.write(t, f);
                t += 1_000_000_000L;
            }
        }
        return file;
    }

    @Test
    void tsvHasHeaderAndOneRowPerPacket() throws IOException {
        Run run = inspect("-r", pcap(LinkType.ETHERNET, UDP_FRAME, UDP_FRAME).toString());
        assertThat(run.exit()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.lines()).containsExactly(String.join("\t", InspectRow.COLUMNS),
                "1\t1700000000.000000123\t46\t46\t\t1\t02:00:00:00:00:02\t02:00:00:00:00:01\t\t\t\t\t\t"
                        + "192.0.2.1\t198.51.100.2\t17\t32\t5353\t53\tok",
                "2\t1700000001.000000123\t46\t46\t\t1\t02:00:00:00:00:02\t02:00:00:00:00:01\t\t\t\t\t\t"
                        + "192.0.2.1\t198.51.100.2\t17\t32\t5353\t53\tok");
    }

    @Test
    void wlanRowsFillTheWlanColumns() throws IOException {
        Run run = inspect("-r", pcap(LinkType.IEEE802_11, ACK_FRAME).toString());
        assertThat(run.exit()).isZero();
        assertThat(run.lines().get(1)).isEqualTo(
                "1\t1700000000.000000123\t10\t10\t\t105\t\t\t\t00:00:00:00:00:b2\t\t0x001d\t0\t\t\t\t\t\t\tok");
    }

    @Test
    void damagedPacketIsARowWithItsStatus() throws IOException {
        byte[] cut = Arrays.copyOf(UDP_FRAME, 20);
        Run run = inspect("-r", pcap(LinkType.ETHERNET, cut, UDP_FRAME).toString());
        assertThat(run.exit()).isZero();
        assertThat(run.lines()).hasSize(3);
        assertThat(run.lines().get(1)).endsWith("\tmalformed:ipv4");
        assertThat(run.lines().get(2)).endsWith("\tok");
    }

    @Test
    void tableAlignsColumns() throws IOException {
        Run run = inspect("-r", pcap(LinkType.ETHERNET, UDP_FRAME, UDP_FRAME).toString(), "--format", "table");
        assertThat(run.exit()).isZero();
        List<String> lines = run.lines();
        assertThat(lines).hasSize(3);
        int statusColumn = lines.get(0).indexOf("status");
        assertThat(lines.get(1).indexOf("ok")).isEqualTo(statusColumn);
        assertThat(lines.get(2).indexOf("192.0.2.1")).isEqualTo(lines.get(0).indexOf("ip_src"));
        assertThat(lines.get(1)).contains(" - ");
    }

    @Test
    void readsStandardInput() throws IOException {
        byte[] capture = Files.readAllBytes(pcap(LinkType.ETHERNET, UDP_FRAME));
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(capture));
            Run run = inspect("-r", "-");
            assertThat(run.exit()).isZero();
            assertThat(run.lines()).hasSize(2);
            assertThat(run.lines().get(1)).endsWith("\t5353\t53\tok");
        } finally {
            System.setIn(saved);
        }
    }

    /** A real {@code tcpdump -w -} stream on standard input gives the rows of the file itself. */
    @Test
    void tcpdumpPipeGivesTheSameRowsAsTheFile() throws IOException, InterruptedException {
        Path file = pcap(LinkType.ETHERNET, UDP_FRAME, UDP_FRAME, UDP_FRAME);
        Process tcpdump;
        try {
            tcpdump = new ProcessBuilder("tcpdump", "--time-stamp-precision=nano", "-r", file.toString(), "-w", "-")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            assumeTrue(false, "tcpdump is not installed (apt-get install tcpdump; .ci/run installs it)");
            return;
        }
        InputStream saved = System.in;
        try {
            System.setIn(tcpdump.getInputStream());
            Run piped = inspect("-r", "-");
            assertThat(tcpdump.waitFor()).isZero();
            assertThat(piped.exit()).isZero();
            assertThat(piped.out()).isEqualTo(inspect("-r", file.toString()).out());
            assertThat(piped.lines()).hasSize(4);
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void cutFilePrintsTheRowsBeforeThenOneErrorLine() throws IOException {
        Path file = pcap(LinkType.ETHERNET, UDP_FRAME, UDP_FRAME);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 10));
        Run run = inspect("-r", file.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.lines()).hasSize(2);
        assertThat(run.err().lines().toList()).hasSize(1).first().asString()
                .startsWith("iotevent: " + file + ": ").contains("offset");
    }

    @Test
    void missingFileAndNonCaptureAreOneLineErrors() throws IOException {
        Run missing = inspect("-r", dir.resolve("nope.pcap").toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("iotevent: capture " + dir.resolve("nope.pcap") + ": no such file\n");

        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello, this is not a capture\n");
        Run notCapture = inspect("-r", text.toString());
        assertThat(notCapture.exit()).isEqualTo(1);
        assertThat(notCapture.err().lines().toList()).hasSize(1).first().asString().contains("magic");
        assertThat(notCapture.out()).isEmpty();
    }

    @Test
    void unknownFormatIsAUsageError() throws IOException {
        Run run = inspect("-r", pcap(LinkType.ETHERNET, UDP_FRAME).toString(), "--format", "xml");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("xml");
        assertThat(run.out()).isEmpty();
    }
}
