package org.iotevent.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.iotevent.capture.CaptureReaders;
import org.iotevent.capture.CaptureRecord;
import org.iotevent.capture.LinkType;
import org.iotevent.capture.PacketSource;
import org.iotevent.capture.PcapWriter;
import org.iotevent.capture.TestCaptures;
import org.iotevent.decode.DecodedPacket;
import org.iotevent.decode.LinkDecoder;
import org.iotevent.decode.PacketDecoder;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pass for devices selected by IP address does not decode the Ethernet IPv4 packets that name
 * none of them: it cuts the same bursts, with the same device packets, as a pass that decodes
 * every packet (a decoder that is not the {@link LinkDecoder} itself is never skipped).
 */
class SkippedDecodingTest {
    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> theSameBurstsAsDecodingEveryPacket() {
        return TestCaptures.eachCapture(this::sameBurstsForItsAddresses);
    }

    /** The IP options a packet carries decide its destination; VLAN tags, cuts and other links are decoded too. */
    @Test
    void packetsTheHeaderBytesAloneWouldMisreadAreDecoded() throws Exception {
        Path pcap = dir.resolve("edges.pcap");
        try (OutputStream out = Files.newOutputStream(pcap); PcapWriter w = new PcapWriter(out, LinkType.ETHERNET)) {
            long t = 1_700_000_000_000_000_000L;
            w.write(t, ipv4(new byte[] {10, 0, 0, 9}, new byte[] {10, 0, 0, 1}, false, false));
            // a loose source route whose last hop is the device: the header's destination is a router
            w.write(t + 1000, ipv4(new byte[] {10, 0, 0, 9}, new byte[] {10, 0, 0, (byte) 254}, true, false));
            w.write(t + 2000, ipv4(new byte[] {10, 0, 0, 1}, new byte[] {10, 0, 0, 9}, false, true)); // VLAN tagged
            byte[] cut = ipv4(new byte[] {10, 0, 0, 9}, new byte[] {10, 0, 0, 1}, false, false);
            w.write(t + 3000, Arrays.copyOf(cut, 30)); // cut before the addresses
            w.write(t + 4000, ipv4(new byte[] {10, 0, 0, 7}, new byte[] {10, 0, 0, 8}, false, false)); // another's
            w.write(t + 3_000_000_000L, ipv4(new byte[] {10, 0, 0, 1}, new byte[] {10, 0, 0, 9}, false, false));
        }
        Map<String, List<String>> skipping = bursts(pcap, List.of("10.0.0.1"), new LinkDecoder());
        assertThat(skipping).isEqualTo(bursts(pcap, List.of("10.0.0.1"), decodingEvery()));
        // the source-routed packet is the device's (its final destination), the cut one is not
        assertThat(skipping.get("10.0.0.1")).containsExactly("1-3: 40,48,-40 (3 packets)", "6-6: -40 (1 packets)", "device packets 4");
    }

    private void sameBurstsForItsAddresses(Path capture) throws IOException {
        List<String> addresses = ipv4Addresses(capture);
        for (int i = 0; i < addresses.size(); i++) {
            // each address alone, then with the next ones: one pass for several devices
            for (List<String> devices : List.of(List.of(addresses.get(i)),
                    addresses.subList(i, Math.min(addresses.size(), i + 3)))) {
                assertThat(bursts(capture, devices, new LinkDecoder())).as("%s", devices)
                        .isEqualTo(bursts(capture, devices, decodingEvery()));
            }
        }
    }

    /** Per device, its bursts as text; then the pass's fault, if any. */
    private static Map<String, List<String>> bursts(Path capture, List<String> devices, PacketDecoder decoder) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<DeviceView> views = new ArrayList<>();
        List<BurstSegmenter> segmenters = new ArrayList<>();
        for (String d : devices) {
            List<String> bursts = out.computeIfAbsent(d, k -> new ArrayList<>());
            views.add(new DeviceView(DeviceSelector.parse(d, List.of())));
            segmenters.add(new BurstSegmenter(1_000_000_000L, 1000, b -> bursts.add(b.firstFrame() + "-" + b.lastFrame()
                    + ": " + String.join(",", Arrays.stream(b.signedLengths()).mapToObj(Integer::toString).toList())
                    + " (" + b.packetCount() + " packets)")));
        }
        try (PacketSource source = CaptureReaders.open(capture)) {
            List<TrafficStats> stats = DeviceTraffic.runAll(source, decoder, views, segmenters);
            for (int d = 0; d < devices.size(); d++) {
                out.get(devices.get(d)).add("device packets " + stats.get(d).devicePackets());
            }
        } catch (IOException e) {
            out.put("fault", List.of(String.valueOf(e.getMessage())));
        }
        return out;
    }

    /** The LinkDecoder behind another type: the pass decodes every packet. */
    private static PacketDecoder decodingEvery() {
        LinkDecoder d = new LinkDecoder();
        return new PacketDecoder() {
            @Override
            public void decode(CaptureRecord record, DecodedPacket out) {
                d.decode(record, out);
            }

            @Override
            public boolean nextSubframe(CaptureRecord record, DecodedPacket out) {
                return d.nextSubframe(record, out);
            }
        };
    }

    /** The IPv4 addresses of a capture's decoded packets, the most frequent first (at most 6). */
    private static List<String> ipv4Addresses(Path capture) {
        Map<Long, Integer> counts = new LinkedHashMap<>();
        LinkDecoder decoder = new LinkDecoder();
        CaptureRecord r = new CaptureRecord();
        DecodedPacket p = new DecodedPacket();
        try (PacketSource source = CaptureReaders.open(capture)) {
            while (source.next(r)) {
                decoder.forEachPacket(r, p, packet -> {
                    if (packet.ipVersion == 4) {
                        counts.merge(packet.ipSrcLo, 1, Integer::sum);
                        counts.merge(packet.ipDstLo, 1, Integer::sum);
                    }
                });
            }
        } catch (IOException e) {
            // a damaged capture: the addresses before the fault
        }
        return counts.entrySet().stream().sorted(Map.Entry.<Long, Integer>comparingByValue().reversed()).limit(6)
                .map(e -> (e.getKey() >>> 24) + "." + (e.getKey() >>> 16 & 255) + "." + (e.getKey() >>> 8 & 255) + "."
                        + (e.getKey() & 255))
                .toList();
    }

    /** An Ethernet frame of IPv4 + UDP, with a loose source route option or an 802.1Q tag. */
    private static byte[] ipv4(byte[] src, byte[] dst, boolean sourceRoute, boolean vlan) {
        int options = sourceRoute ? 8 : 0;
        int ipLength = 20 + options + 8 + 12;
        int link = vlan ? 18 : 14;
        byte[] f = new byte[link + ipLength];
        f[0] = 2;
        f[6] = 2;
        f[11] = 1;
        if (vlan) {
            f[12] = (byte) 0x81;
            f[15] = 5;
        }
        f[link - 2] = 0x08;
        int ip = link;
        f[ip] = (byte) (0x40 | (20 + options) / 4);
        f[ip + 2] = (byte) (ipLength >> 8);
        f[ip + 3] = (byte) ipLength;
        f[ip + 8] = 64;
        f[ip + 9] = 17;
        System.arraycopy(src, 0, f, ip + 12, 4);
        System.arraycopy(dst, 0, f, ip + 16, 4);
        if (sourceRoute) {
            // LSRR, length 7, pointer 4 (one hop left: 10.0.0.1), then end of options
            byte[] lsrr = {(byte) 131, 7, 4, 10, 0, 0, 1, 0};
            System.arraycopy(lsrr, 0, f, ip + 20, 8);
        }
        int udp = ip + 20 + options;
        f[udp + 1] = 53;
        f[udp + 3] = 53;
        f[udp + 5] = 20;
        return f;
    }
}
