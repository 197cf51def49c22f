package org.iotevent.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.iotevent.capture.CaptureReaders;
import org.iotevent.capture.CaptureRecord;
import org.iotevent.capture.LinkType;
import org.iotevent.capture.PacketSource;
import org.iotevent.capture.PcapWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: rarer real packets against tshark: IPv6 with long chains of extension headers (tshark
 * follows 495 on Ethernet), generated here and compared field by field with a live tshark.
 */
class RareIpTsharkTest {
    @TempDir
    Path dir;

    /** Ethernet + IPv6 + {@code n} destination-options headers + UDP 1234 -> 5678 with 4 bytes. */
    static byte[] ipv6WithExtensions(int n) {
        ByteBuffer b = ByteBuffer.allocate(14 + 40 + 8 * n + 12);
        b.put(new byte[] {2, 2, 2, 2, 2, 2, 4, 4, 4, 4, 4, 4, (byte) 0x86, (byte) 0xdd});
        b.putInt(6 << 28).putShort((short) (8 * n + 12)).put((byte) (n > 0 ? 60 : 17)).put((byte) 64);
        b.put(new byte[15]).put((byte) 1).put(new byte[15]).put((byte) 2);
        for (int i = 0; i < n; i++) {
            b.put((byte) (i < n - 1 ? 60 : 17)).put((byte) 0).put((byte) 1).put((byte) 4).putInt(0); // PadN
        }
        b.putShort((short) 1234).putShort((short) 5678).putShort((short) 12).putShort((short) 0).putInt(0x61626364);
        return b.array();
    }

    @Test
    void longExtensionHeaderChainsAreFollowedAsTsharkDoes() throws Exception {
        int[] chains = {1, 32, 33, 100, IpDecoder.MAX_EXTENSION_HEADERS, IpDecoder.MAX_EXTENSION_HEADERS + 1, 2000};
        Path pcap = dir.resolve("ext.pcap");
        try (PcapWriter w = new PcapWriter(Files.newOutputStream(pcap), LinkType.ETHERNET)) {
            for (int i = 0; i < chains.length; i++) {
                w.write(1_700_000_000_000_000_000L + i, ipv6WithExtensions(chains[i]));
            }
        }
        List<String[]> tshark = Tshark.fields(pcap, "udp.srcport", "udp.dstport");
        List<String> ours = new ArrayList<>();
        List<String> theirs = new ArrayList<>();
        LinkDecoder decoder = new LinkDecoder();
        DecodedPacket d = new DecodedPacket();
        CaptureRecord r = new CaptureRecord();
        try (PacketSource s = CaptureReaders.open(pcap)) {
            for (int i = 0; s.next(r); i++) {
                decoder.decode(r, d);
                ours.add(chains[i] + " headers: " + (d.srcPort < 0 ? "" : d.srcPort + "," + d.dstPort));
                theirs.add(chains[i] + " headers: " + (tshark.get(i)[0].isEmpty() ? "" : tshark.get(i)[0] + "," + tshark.get(i)[1]));
            }
        }
        assertThat(ours).isEqualTo(theirs);
        assertThat(ours.get(2)).isEqualTo("33 headers: 1234,5678");
    }

    /** Ethernet + IPv4 to 10.0.0.2 with a source route option (type) via 10.0.0.3 to 10.0.0.9, then UDP. */
    static byte[] ipv4SourceRouted(int type, int pointer) {
        ByteBuffer b = ByteBuffer.allocate(14 + 32 + 12);
        b.put(new byte[] {2, 2, 2, 2, 2, 2, 4, 4, 4, 4, 4, 4, 8, 0});
        b.put((byte) 0x48).put((byte) 0).putShort((short) 44).putInt(0).put((byte) 64).put((byte) 17).putShort((short) 0);
        b.put(new byte[] {10, 0, 0, 1, 10, 0, 0, 2});
        b.put((byte) type).put((byte) 11).put((byte) pointer).put(new byte[] {10, 0, 0, 3, 10, 0, 0, 9}).put((byte) 0);
        b.putShort((short) 1234).putShort((short) 5678).putShort((short) 12).putShort((short) 0).putInt(0x61626364);
        return b.array();
    }

    @Test
    void sourceRoutedIpv4HasTheRoutesFinalDestinationAsTsharkDoes() throws Exception {
        int[][] variants = {{137, 4}, {131, 4}, {137, 8}, {131, 12}};
        Path pcap = dir.resolve("route.pcap");
        try (PcapWriter w = new PcapWriter(Files.newOutputStream(pcap), LinkType.ETHERNET)) {
            for (int i = 0; i < variants.length; i++) {
                w.write(1_700_000_000_000_000_000L + i, ipv4SourceRouted(variants[i][0], variants[i][1]));
            }
        }
        List<String[]> tshark = Tshark.fields(pcap, "ip.dst", "udp.dstport");
        LinkDecoder decoder = new LinkDecoder();
        DecodedPacket d = new DecodedPacket();
        CaptureRecord r = new CaptureRecord();
        try (PacketSource s = CaptureReaders.open(pcap)) {
            for (int i = 0; s.next(r); i++) {
                decoder.decode(r, d);
                String ours = ((d.ipDstLo >>> 24) & 255) + "." + ((d.ipDstLo >>> 16) & 255) + "." + ((d.ipDstLo >>> 8) & 255)
                        + "." + (d.ipDstLo & 255) + " " + d.dstPort;
                String[] t = tshark.get(i);
                assertThat(ours).as("option %d pointer %d", variants[i][0], variants[i][1])
                        .isEqualTo(t[0].split(",")[t[0].split(",").length - 1] + " " + t[1]);
            }
        }
    }
}
