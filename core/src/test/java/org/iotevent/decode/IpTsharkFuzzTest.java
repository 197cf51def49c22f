package org.iotevent.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.iotevent.capture.CaptureRecord;
import org.iotevent.capture.LinkType;
import org.iotevent.capture.PcapWriter;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Differential test against a live tshark: seeded packets of every non-802.11 link type (Ethernet,
 * SLL, SLL2, NULL, LOOP, raw IP) with VLAN tags, IPv4 with options
 * and fragments, IPv6 with extension-header chains, TCP, UDP, ICMP), a third of them with one
 * link or IP header byte set to a random value and a fifth cut by a snap length, compared on the
 * link addresses, the IP source
 * and destination, the final protocol, the ports and the 802.1Q VLAN id wherever both decode
 * the frame soundly; and on the status: malformed only where tshark complained too, truncated
 * only where the capture cut the frame, ok wherever tshark decoded a whole frame without error.
 * Skips without tshark.
 */
class IpTsharkFuzzTest {
    private static final int PACKETS = 1000;
    private static final String[] FIELDS = {"frame.protocols", "vlan.id", "ip.src", "ip.dst", "ipv6.src", "ipv6.dst",
        "ip.proto", "ipv6.nxt", "ipv6.hopopts.nxt", "ipv6.dstopts.nxt", "ipv6.routing.nxt", "ipv6.fraghdr.nxt",
        "ipv6.fraghdr.offset", "tcp.srcport", "tcp.dstport", "udp.srcport", "udp.dstport", "frame.cb_pen",
        "_ws.malformed", "_ws.expert.message", "frame.len", "frame.cap_len", "eth.src", "eth.dst", "sll.src.eth"};

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {LinkType.ETHERNET, LinkType.LINUX_SLL, LinkType.LINUX_SLL2, LinkType.NULL, LinkType.LOOP,
        LinkType.RAW, LinkType.IPV4, LinkType.IPV6})
    void headersMatchTsharkOnMutatedPackets(int linkType) throws IOException, InterruptedException {
        Random random = new Random(424242L + linkType);
        Path file = dir.resolve("fuzz-" + linkType + ".pcap");
        List<byte[]> frames = new ArrayList<>();
        List<Integer> captured = new ArrayList<>();
        try (PcapWriter w = new PcapWriter(Files.newOutputStream(file), linkType)) {
            for (int i = 0; i < PACKETS; i++) {
                byte[] f = PacketMaker.make(random, linkType);
                int cap = random.nextInt(5) == 0 ? random.nextInt(f.length + 1) : f.length;
                frames.add(f);
                captured.add(cap);
                w.write(1_700_000_000_000_000_000L + i, f, 0, cap, f.length);
            }
        }
        List<Oracle.Row> expected = tshark(file);
        assertThat(expected).hasSize(PACKETS);
        LinkDecoder decoder = new LinkDecoder();
        DecodedPacket p = new DecodedPacket();
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (int i = 0; i < PACKETS; i++) {
            CaptureRecord r = Packets.record(linkType, frames.get(i), captured.get(i), frames.get(i).length);
            decoder.decode(r, p);
            Oracle.Row o = expected.get(i);
            boolean tsharkComplained = o.malformed() || !o.raw("_ws.expert.message").isEmpty();
            String problem = null;
            if (p.status == Status.MALFORMED && !tsharkComplained) {
                problem = "malformed, tshark found nothing wrong";
            } else if (p.status != Status.OK && o.whole() && !tsharkComplained) {
                problem = "not ok, tshark decoded the whole frame without a complaint";
            } else if (p.status == Status.TRUNCATED && o.whole()) {
                problem = "truncated, the frame is whole";
            } else if (p.status == Status.OK && !o.malformed()) {
                compared++;
                Map<String, String> want = o.expectedInspect(i + 1);
                String vlan = o.protocols().contains("ieee8021ad") ? "" : o.first("vlan.id");
                String proto = p.ipProto < 0 ? "" : String.valueOf(p.ipProto);
                String tshark = String.join(" ", want.get("link_src"), want.get("link_dst"), vlan, want.get("ip_src"), want.get("ip_dst"),
                        want.get("ip_proto").equals("?") ? proto : want.get("ip_proto"), // AH, then "data"
                        want.get("src_port"), want.get("dst_port"));
                String ours = String.join(" ", AddressFormat.mac(p.linkSrc), AddressFormat.mac(p.linkDst),
                        vlan.isEmpty() || p.vlanId < 0 ? "" : String.valueOf(p.vlanId),
                        AddressFormat.ipSource(p), AddressFormat.ipDestination(p), proto,
                        p.srcPort < 0 ? "" : String.valueOf(p.srcPort),
                        p.dstPort < 0 ? "" : String.valueOf(p.dstPort));
                if (!tshark.equals(ours)) {
                    problem = "fields differ\n  tshark  " + tshark + "\n  decoder " + ours;
                }
            }
            if (problem != null) {
                mismatches.add("frame " + (i + 1) + " [" + p.statusLabel() + "; tshark " + o.raw("frame.protocols")
                        + " " + o.raw("_ws.expert.message") + "] " + problem);
            }
        }
        assertThat(decoder.guardTrips()).isZero();
        assertThat(mismatches).isEmpty();
        assertThat(compared).as("packets whose fields were compared").isGreaterThan(PACKETS / 2);
    }

    private static List<Oracle.Row> tshark(Path file) throws IOException, InterruptedException {
        List<Oracle.Row> rows = new ArrayList<>();
        for (String[] c : Tshark.fields(file, FIELDS)) {
            Map<String, String> m = new HashMap<>();
            for (int i = 0; i < FIELDS.length; i++) {
                m.put(FIELDS[i], c[i]);
            }
            m.put("_ws.malformed", m.get("_ws.malformed").isEmpty() ? "0" : "1");
            for (String absent : List.of("frame.time_epoch", "frame.interface_id", "frame.encap_type", "wlan.sa", "wlan.da", "wlan.ta", "wlan.ra", "wlan.bssid",
                    "wlan.fc.type_subtype", "wlan.fc.protected")) {
                m.put(absent, "");
            }
            rows.add(new Oracle.Row(m));
        }
        return rows;
    }
}
