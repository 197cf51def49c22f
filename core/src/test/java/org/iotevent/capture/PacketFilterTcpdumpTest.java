package org.iotevent.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Filter expressions against real tcpdump: on every test capture ({@link TestCaptures}), for each
 * expression, the packets we keep are exactly those {@code tcpdump -r F -w OUT EXPR} writes
 * (same order, time to the microsecond, lengths and bytes), and where libpcap refuses the
 * expression we refuse it with libpcap's message.
 */
class PacketFilterTcpdumpTest {
    static final List<String> EXPRESSIONS = List.of(
            "ip", "ip6", "tcp", "udp", "arp", "icmp or icmp6",
            "tcp port 443", "udp port 53", "port 80 or port 8080", "portrange 1-1023", "src portrange 1024-65535",
            "host 192.168.1.1", "net 192.168.0.0/16", "net 10.0.0.0/8 or net 172.16.0.0/12", "dst net 224.0.0.0/4",
            "ether broadcast", "ether host ff:ff:ff:ff:ff:ff", "ether multicast", "vlan", "vlan and udp",
            "tcp[tcpflags] & tcp-syn != 0", "tcp[tcpflags] & (tcp-syn|tcp-ack) == tcp-syn",
            "not tcp and not udp", "(tcp or udp) and not port 53", "greater 500", "less 100", "ip[8] < 64",
            "ip6 and udp", "ip proto 17 and ip[6:2] & 0x1fff = 0", "udp[8:4] = 0x01010600",
            "wlan type data", "type mgt subtype beacon", "wlan addr2 00:0d:93:82:36:3a");

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> everyCaptureEveryExpressionAsTcpdump() throws IOException {
        Path tcpdump = tcpdump();
        return TestCaptures.eachCapture(capture -> {
            int compared = 0;
            for (String e : EXPRESSIONS) {
                compared += compare(tcpdump, capture, e, PacketFilter.of(e)) ? 1 : 0;
            }
            System.out.println(capture.getFileName() + ": " + compared + " of " + EXPRESSIONS.size()
                    + " expressions compared with tcpdump (the rest: tcpdump cannot read the file)");
        });
    }

    /** Compares one expression on one capture; false when tcpdump cannot read the file at all. */
    private boolean compare(Path tcpdump, Path capture, String expression, PacketFilter filter) throws Exception {
        Path out = tmp.resolve("out.pcap");
        Files.deleteIfExists(out);
        Process p = new ProcessBuilder(tcpdump.toString(), "-r", capture.toString(), "-w", out.toString(), "--", expression)
                .redirectErrorStream(true).start();
        String messages = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        String what = capture.getFileName() + " '" + expression + "'";
        if (!messages.contains("reading from file")) {
            return false; // libpcap refuses the file's header
        }
        PacketSource source;
        try {
            source = CaptureReaders.open(capture);
        } catch (CaptureFormatException e) {
            return false; // a header our reader refuses (its conformance tests cover that)
        }
        Records ours = Records.readAll(FilteredSource.of(source, filter, Long.MAX_VALUE));
        if (exit != 0 && !Files.exists(out)) {
            // libpcap refused the expression for this file's link type: so must we, with its words
            // (or keep nothing where the file holds no packet to compile for)
            if (ours.rows().isEmpty() && ours.error() == null) {
                return true;
            }
            assertThat(ours.error()).as(what + ": tcpdump said " + messages).isInstanceOf(PacketFilter.FilterException.class);
            assertThat(messages).as(what).contains(ours.error().getMessage().replaceFirst("^.*\\): ", "").split("; ")[0]);
            return true;
        }
        if (ours.error() instanceof PacketFilter.FilterException fe) {
            throw new AssertionError(what + ": we refused the expression (" + fe.getMessage() + ") but tcpdump ran: "
                    + messages);
        }
        List<String> theirs = key(Records.readAll(CaptureReaders.open(out)).rows());
        List<String> mine = key(ours.rows());
        if (exit != 0 || ours.error() != null) {
            // a damaged file, or one libpcap gives up on (pcapng interfaces of different link types or
            // snapshot lengths): compare up to where the first reader stopped
            int n = Math.min(theirs.size(), mine.size());
            theirs = theirs.subList(0, n);
            mine = mine.subList(0, n);
        }
        assertThat(mine).as(what + " (tcpdump: " + messages.strip() + ")").isEqualTo(theirs);
        return true;
    }

    /**
     * What identifies a record in tcpdump's output: lengths and bytes (times are not compared:
     * libpcap and our reader clamp out-of-range times differently, and the filter never reads them).
     */
    private static List<String> key(List<Records.Row> rows) {
        List<String> out = new ArrayList<>();
        for (Records.Row r : rows) {
            out.add(r.wireLength() + " " + r.capturedLength() + " " + Integer.toHexString(java.util.Arrays.hashCode(r.bytes())));
        }
        return out;
    }

    @Test
    void anExpressionWrongOnEveryLinkGetsLibpcapsMessageAtOnce() {
        tcpdump();
        assertThatThrownBy(() -> PacketFilter.of("tcp port 99999")).isInstanceOf(PacketFilter.FilterException.class)
                .hasMessage("filter 'tcp port 99999': illegal port number 99999 > 65535");
    }

    @Test
    void anExpressionWrongForTheRecordsLinkGetsLibpcapsMessage() throws IOException {
        tcpdump();
        PacketFilter f = PacketFilter.of("wlan type data");
        CaptureRecord r = new CaptureRecord();
        r.linkType = LinkType.ETHERNET;
        assertThatThrownBy(() -> f.matches(r)).isInstanceOf(PacketFilter.FilterException.class)
                .hasMessage("filter 'wlan type data' (link type ethernet): 802.11 link-layer types supported only on 802.11");
    }

    @Test
    void aSyntaxErrorIsRefusedBeforeAnyPacket() {
        tcpdump();
        assertThatThrownBy(() -> PacketFilter.of("host 10.0.0.1 and"))
                .isInstanceOf(PacketFilter.FilterException.class)
                .hasMessage("filter 'host 10.0.0.1 and': can't parse filter expression: syntax error");
    }

    @Test
    void aLinkTypeWithoutTheQualifierGetsLibpcapsMessage() throws IOException {
        tcpdump();
        PacketFilter f = PacketFilter.of("vlan");
        CaptureRecord r = new CaptureRecord();
        r.linkType = LinkType.RAW;
        assertThatThrownBy(() -> f.matches(r)).isInstanceOf(PacketFilter.FilterException.class)
                .hasMessage("filter 'vlan' (link type raw): no VLAN support for Raw IP");
    }

    static Path tcpdump() {
        try {
            return PacketFilter.findTcpdump();
        } catch (PacketFilter.FilterException e) {
            assumeTrue(false, "tcpdump is not installed: " + e.getMessage());
            return null;
        }
    }
}
