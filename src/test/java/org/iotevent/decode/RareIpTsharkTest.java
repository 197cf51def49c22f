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
}
