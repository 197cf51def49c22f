package org.iotevent.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every capture the simulator writes decodes in tshark without a malformed frame or an error. */
class TsharkDecodeTest {
    @TempDir
    static Path dir;
    static SimulationSummary summary;

    @BeforeAll
    static void simulate() throws IOException {
        assumeTrue(tsharkPresent(), "tshark is not installed (Debian package tshark): skipping the decode check");
        SimulationOptions options = SimulationOptions.defaults(11).withDurationNanos(1_200_000_000_000L)
                .withEventSpacingNanos(15_000_000_000L).withNoiseFraction(0.05)
                .withVantages(java.util.EnumSet.allOf(Vantage.class));
        summary = HomeSimulator.run(HomeReader.defaultHome(), options, dir);
    }

    private static boolean tsharkPresent() {
        try {
            Process p = new ProcessBuilder("tshark", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Rows {@code frame.number TAB malformed TAB severities TAB protocols} for every frame. */
    private static List<String[]> tshark(Path capture) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("tshark", "-n", "-r", capture.toString(), "-T", "fields", "-E", "occurrence=a",
                "-e", "frame.number", "-e", "_ws.malformed", "-e", "_ws.expert.severity", "-e", "frame.protocols")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("tshark exit code on " + capture).isZero();
        List<String[]> rows = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isEmpty()) {
                rows.add(line.split("\t", -1));
            }
        }
        return rows;
    }

    private static void assertClean(Vantage v, String... expectedProtocols) throws Exception {
        List<String[]> rows = tshark(dir.resolve(v.fileName()));
        assertThat(rows).hasSize(summary.frames().get(v).intValue());
        StringBuilder protocols = new StringBuilder();
        for (String[] row : rows) {
            assertThat(row[1]).as(v + " frame " + row[0] + " malformed").isEmpty();
            for (String severity : row[2].split(",")) {
                // 0x00800000 is PI_ERROR; notes and warnings (retransmissions, retries) are expected
                assertThat(severity.isEmpty() ? 0 : Integer.parseInt(severity))
                        .as(v + " frame " + row[0] + " expert severity").isLessThan(0x00800000);
            }
            if (protocols.length() < 200_000) {
                protocols.append(row[3]).append('\n');
            }
        }
        for (String p : expectedProtocols) {
            assertThat(protocols.toString()).as(v + " protocols").contains(p);
        }
    }

    @Test
    void lanCaptureDecodesCleanly() throws Exception {
        assertClean(Vantage.LAN, "eth:ethertype:ip:udp:dns", "eth:ethertype:ip:tcp:tls", "eth:ethertype:ip:tcp");
    }

    @Test
    void wanCaptureDecodesCleanly() throws Exception {
        assertClean(Vantage.WAN, "eth:ethertype:ip:udp:dns", "eth:ethertype:ip:tcp:tls");
    }

    @Test
    void wifiCaptureDecodesCleanly() throws Exception {
        assertClean(Vantage.WIFI, "radiotap:wlan_radio:wlan:data", "radiotap:wlan_radio:wlan");
    }

    @Test
    void ipv6AndPppoeWanCapturesDecodeCleanlyAndOurDecoderReadsThemAsTsharkDoes() throws Exception {
        assertClean(Vantage.WAN6, "eth:ethertype:ipv6:udp:dns", "eth:ethertype:ipv6:tcp:tls");
        assertClean(Vantage.WAN_PPPOE, "eth:ethertype:pppoes:ppp:ip:udp:dns", "eth:ethertype:pppoes:ppp:ip:tcp:tls");
        for (Vantage v : List.of(Vantage.WAN6, Vantage.WAN_PPPOE)) {
            Process p = new ProcessBuilder("tshark", "-n", "-r", dir.resolve(v.fileName()).toString(), "-T", "fields",
                    "-e", "ip.len", "-e", "ipv6.plen", "-e", "tcp.srcport", "-e", "udp.srcport")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            List<String> expected = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(l -> l.split("\t", -1))
                    .map(c -> (c[0].isEmpty() ? Integer.parseInt(c[1]) + 40 : Integer.parseInt(c[0])) + " "
                            + (c[2].isEmpty() ? c[3] : c[2]))
                    .toList();
            assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
            List<String> ours = new ArrayList<>();
            try (org.iotevent.capture.PacketSource source = org.iotevent.capture.CaptureReaders.open(
                    dir.resolve(v.fileName()))) {
                org.iotevent.capture.CaptureRecord r = new org.iotevent.capture.CaptureRecord();
                org.iotevent.decode.DecodedPacket d = new org.iotevent.decode.DecodedPacket();
                org.iotevent.decode.LinkDecoder decoder = new org.iotevent.decode.LinkDecoder();
                while (source.next(r)) {
                    decoder.decode(r, d);
                    ours.add(d.ipLength + " " + d.srcPort);
                }
            }
            assertThat(ours).as(v.key()).isEqualTo(expected);
        }
    }

    /**
     * The aggregating access point's captures decode cleanly; on the open network tshark shows
     * several packets in one frame, and our decoder's subframes ({@code nextSubframe}) are those
     * packets with the same IP lengths, addresses and ports, in the same order.
     */
    @Test
    void aMsduCapturesDecodeCleanlyAndOurDecoderSplitsTheSubframesAsTsharkDoes() throws Exception {
        assertClean(Vantage.WIFI_AMSDU, "radiotap:wlan_radio:wlan:data");
        assertClean(Vantage.WIFI_OPEN_AMSDU, "wlan:llc:ip:tcp:tls:llc:ip:tcp", "wlan:llc:ip:udp:dns");
        Process p = new ProcessBuilder("tshark", "-n", "-r", dir.resolve(Vantage.WIFI_OPEN_AMSDU.fileName()).toString(),
                "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=|", "-e", "ip.len", "-e", "ip.src", "-e", "ip.dst",
                "-e", "tcp.srcport", "-e", "udp.srcport").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> expected = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        List<String> ours = new ArrayList<>();
        int aggregated = 0;
        try (org.iotevent.capture.PacketSource source = org.iotevent.capture.CaptureReaders.open(
                dir.resolve(Vantage.WIFI_OPEN_AMSDU.fileName()))) {
            org.iotevent.capture.CaptureRecord r = new org.iotevent.capture.CaptureRecord();
            org.iotevent.decode.DecodedPacket d = new org.iotevent.decode.DecodedPacket();
            org.iotevent.decode.LinkDecoder decoder = new org.iotevent.decode.LinkDecoder();
            while (source.next(r)) {
                decoder.decode(r, d);
                aggregated += d.wlanSubframes > 1 ? 1 : 0;
                List<String> len = new ArrayList<>();
                List<String> src = new ArrayList<>();
                List<String> dst = new ArrayList<>();
                List<String> tcp = new ArrayList<>();
                List<String> udp = new ArrayList<>();
                do {
                    if (d.ipVersion == 4) {
                        len.add(Integer.toString(d.ipLength));
                        src.add(org.iotevent.decode.AddressFormat.ipSource(d));
                        dst.add(org.iotevent.decode.AddressFormat.ipDestination(d));
                        (d.ipProto == 6 ? tcp : udp).add(Integer.toString(d.srcPort));
                    }
                } while (decoder.nextSubframe(r, d));
                ours.add(String.join("|", len) + "\t" + String.join("|", src) + "\t" + String.join("|", dst) + "\t"
                        + String.join("|", tcp) + "\t" + String.join("|", udp));
            }
        }
        assertThat(aggregated).as("A-MSDUs of several packets").isGreaterThan(10);
        assertThat(ours).isEqualTo(expected);
    }
}
