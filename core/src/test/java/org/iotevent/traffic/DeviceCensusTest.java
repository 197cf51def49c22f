package org.iotevent.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.iotevent.capture.CaptureReaders;
import org.iotevent.capture.CaptureRecord;
import org.iotevent.capture.LinkType;
import org.iotevent.capture.PacketSource;
import org.iotevent.capture.PcapWriter;
import org.iotevent.decode.DecodedPacket;
import org.iotevent.decode.LinkDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DeviceCensus} on small hand-built captures, read and decoded as any capture is. */
class DeviceCensusTest {
    private static final long MAC = 0x02_00_00_00_00_20L;
    private static final long OTHER_MAC = 0x02_00_00_00_00_30L;
    private static final long V4_A = 0xC0A80114L; // 192.168.1.20
    private static final long V4_B = 0xC0A80103L; // 192.168.1.3
    private static final long V4_PEER = 0xC0A80101L; // 192.168.1.1
    private static final long V6_LINK_LOCAL_HI = 0xFE80_0000_0000_0000L;

    @TempDir
    Path dir;

    /**
     * A host is one device by its MAC address, whatever addresses it sends from; they are listed
     * in text order (as the command has always printed them), each once however many packets.
     */
    @Test
    void aHostsAddressesAreListedOnceEachInTextOrder() throws IOException {
        Path pcap = write(LinkType.ETHERNET,
                ethernet(OTHER_MAC, MAC, 0x0800, ipv4(V4_A, V4_PEER)),
                ethernet(OTHER_MAC, MAC, 0x86DD, ipv6(V6_LINK_LOCAL_HI, 1, V6_LINK_LOCAL_HI, 2)),
                ethernet(OTHER_MAC, MAC, 0x0800, ipv4(V4_B, V4_PEER)),
                ethernet(OTHER_MAC, MAC, 0x0800, ipv4(V4_A, V4_PEER)),
                ethernet(MAC, OTHER_MAC, 0x0800, ipv4(V4_PEER, V4_A)));
        DeviceCensus.Result r = census(pcap);
        DeviceCensus.Device d = device(r, "02:00:00:00:00:20");
        assertThat(d.addresses()).containsExactly("192.168.1.20", "192.168.1.3", "fe80::1");
        assertThat(d.sent()).isEqualTo(4);
        assertThat(d.packets()).isEqualTo(5);
    }

    /** Where the link carries no MAC address (raw IP), each address is a device of its own. */
    @Test
    void withoutLinkAddressesEachAddressIsADevice() throws IOException {
        Path pcap = write(LinkType.RAW, ipv4(V4_A, V4_PEER), ipv4(V4_B, V4_PEER), ipv4(V4_A, V4_PEER));
        DeviceCensus.Result r = census(pcap);
        assertThat(r.devices()).extracting(DeviceCensus.Device::addresses)
                .containsExactly(List.of("192.168.1.20"), List.of("192.168.1.3"));
        assertThat(r.devices()).extracting(DeviceCensus.Device::mac).containsOnlyNulls();
    }

    /**
     * A capture of the loopback interface: Ethernet frames whose MAC addresses are all zeros. No
     * address is suggested by that MAC (it would select every packet, both ways), and the census
     * tells its hosts apart by IP address, as on a link without MAC addresses.
     */
    @Test
    void theAllZeroMacNamesNoDevice() throws IOException {
        Path pcap = write(LinkType.ETHERNET, ethernet(0, 0, 0x0800, ipv4(V4_A, V4_PEER)),
                ethernet(0, 0, 0x0800, ipv4(V4_PEER, V4_A)), ethernet(0, 0, 0x0800, ipv4(V4_A, V4_PEER)),
                ethernet(MAC, OTHER_MAC, 0x0800, ipv4(V4_B, V4_PEER)));
        assertThat(census(pcap).devices()).extracting(d -> d.mac() + " " + d.addresses())
                .containsExactly("null [192.168.1.1]", "null [192.168.1.20]", "02:00:00:00:00:30 [192.168.1.3]");
        try (PacketSource source = CaptureReaders.open(pcap)) {
            assertThat(AddressCensus.busiest(source, new LinkDecoder(), 5)).containsExactly(
                    new AddressCensus.Entry("192.168.1.1", 4), new AddressCensus.Entry("192.168.1.20", 3),
                    new AddressCensus.Entry("192.168.1.3", 1), new AddressCensus.Entry("02:00:00:00:00:20", 1),
                    new AddressCensus.Entry("02:00:00:00:00:30", 1));
        }
    }

    static DeviceCensus.Device device(DeviceCensus.Result r, String mac) {
        return r.devices().stream().filter(d -> mac.equals(d.mac())).findFirst().orElseThrow(
                () -> new AssertionError("no device " + mac + " in " + r.devices()));
    }

    static DeviceCensus.Result census(Path pcap) throws IOException {
        DeviceCensus census = new DeviceCensus(OuiRegistry.empty(), new DeviceCatalogue(List.of()), null,
                60_000_000_000L);
        LinkDecoder decoder = new LinkDecoder();
        CaptureRecord record = new CaptureRecord();
        DecodedPacket p = new DecodedPacket();
        try (PacketSource source = CaptureReaders.open(pcap)) {
            while (source.next(record)) {
                decoder.decode(record, p);
                do {
                    census.packet(p);
                } while (decoder.nextSubframe(record, p));
            }
        }
        return census.finish();
    }

    Path write(int linkType, byte[]... frames) throws IOException {
        Path pcap = Files.createTempFile(dir, "census", ".pcap");
        try (OutputStream out = Files.newOutputStream(pcap); PcapWriter w = new PcapWriter(out, linkType)) {
            long t = 1_700_000_000_000_000_000L;
            for (byte[] f : frames) {
                w.write(t += 1_000_000L, f);
            }
        }
        return pcap;
    }

    static byte[] ethernet(long dst, long src, int etherType, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(14 + payload.length);
        b.putShort((short) (dst >>> 32)).putInt((int) dst).putShort((short) (src >>> 32)).putInt((int) src);
        return b.putShort((short) etherType).put(payload).array();
    }

    /** An IPv4 UDP datagram with 4 bytes of payload, to the discard port. */
    static byte[] ipv4(long src, long dst) {
        ByteBuffer b = ByteBuffer.allocate(32);
        b.put((byte) 0x45).put((byte) 0).putShort((short) 32).putInt(0).put((byte) 64).put((byte) 17).putShort((short) 0);
        b.putInt((int) src).putInt((int) dst);
        return b.putShort((short) 40000).putShort((short) 9).putShort((short) 12).putShort((short) 0).putInt(0).array();
    }

    /** An IPv6 UDP datagram with 4 bytes of payload, to the discard port. */
    static byte[] ipv6(long srcHi, long srcLo, long dstHi, long dstLo) {
        ByteBuffer b = ByteBuffer.allocate(52);
        b.putInt(0x6000_0000).putShort((short) 12).put((byte) 17).put((byte) 64);
        b.putLong(srcHi).putLong(srcLo).putLong(dstHi).putLong(dstLo);
        return b.putShort((short) 40000).putShort((short) 9).putShort((short) 12).putShort((short) 0).putInt(0).array();
    }
}
