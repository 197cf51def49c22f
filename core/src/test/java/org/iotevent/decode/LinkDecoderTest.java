package org.iotevent.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iotevent.decode.Packets.concat;
import static org.iotevent.decode.Packets.decode;
import static org.iotevent.decode.Packets.ethernet;
import static org.iotevent.decode.Packets.hex;
import static org.iotevent.decode.Packets.ipv4;
import static org.iotevent.decode.Packets.ipv6;
import static org.iotevent.decode.Packets.record;
import static org.iotevent.decode.Packets.tcp;
import static org.iotevent.decode.Packets.udp;
import static org.iotevent.decode.Packets.zeros;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Random;
import org.iotevent.capture.CaptureRecord;
import org.iotevent.capture.LinkType;
import org.junit.jupiter.api.Test;

class LinkDecoderTest {
    private static final long MAC_1 = 0x0200_0000_0001L;
    private static final long MAC_2 = 0x0200_0000_0002L;

    @Test
    void ethernetIpv4TcpFillsEveryLayer() {
        byte[] frame = concat(ethernet("0800"), ipv4(20 + 20 + 5, 6, 0x4000), tcp(), hex("68656c6c6f"));
        DecodedPacket p = decode(LinkType.ETHERNET, frame);
        assertThat(p.statusLabel()).isEqualTo("ok");
        assertThat(p.linkDst).isEqualTo(MAC_1);
        assertThat(p.linkSrc).isEqualTo(MAC_2);
        assertThat(p.etherType).isEqualTo(0x0800);
        assertThat(p.ipVersion).isEqualTo(4);
        assertThat(AddressFormat.ipSource(p)).isEqualTo("192.0.2.1");
        assertThat(AddressFormat.ipDestination(p)).isEqualTo("198.51.100.2");
        assertThat(p.ipProto).isEqualTo(6);
        assertThat(p.ipLength).isEqualTo(45);
        assertThat(p.ipFragment).isFalse();
        assertThat(p.srcPort).isEqualTo(443);
        assertThat(p.dstPort).isEqualTo(50000);
        assertThat(p.payloadOffset).isEqualTo(14 + 20 + 20);
        assertThat(p.payloadLength).isEqualTo(5);
    }

    @Test
    void ethernetPaddingIsNotPayload() {
        byte[] frame = concat(ethernet("0800"), ipv4(28, 17, 0), udp(8), zeros(18));
        DecodedPacket p = decode(LinkType.ETHERNET, frame);
        assertThat(p.statusLabel()).isEqualTo("ok");
        assertThat(p.ipLength).isEqualTo(28);
        assertThat(p.srcPort).isEqualTo(5353);
        assertThat(p.payloadLength).isZero();
    }

    @Test
    void fcsTheFileDeclaresIsNotPartOfTheIpPacket() {
        byte[] frame = concat(ethernet("0800"), ipv4(46, 17, 0), udp(26), zeros(18), hex("cafebabe"));
        CaptureRecord r = record(LinkType.ETHERNET, frame);
        r.fcsLength = 4;
        DecodedPacket p = decode(r);
        assertThat(p.statusLabel()).isEqualTo("ok");
        assertThat(p.payloadLength).isEqualTo(18);
        r.fcsLength = -1;
        assertThat(decode(r).statusLabel()).isEqualTo("ok");
        byte[] overlong = concat(ethernet("0800"), ipv4(50, 17, 0), udp(30), zeros(18), hex("cafebabe"));
        CaptureRecord bad = record(LinkType.ETHERNET, overlong);
        bad.fcsLength = 4;
        assertThat(decode(bad).statusLabel()).isEqualTo("malformed:ipv4");
    }

    @Test
    void qinqStackKeepsOuterVlanIdAndCountsTags() {
        byte[] frame = concat(ethernet("88a8"),
                hex("0064 8100"), // outer tag: VLAN 100, next 802.1Q
                hex("200a 0800"), // inner tag: PCP 1, VLAN 10, next IPv4
                ipv4(28, 17, 0), udp(8));
        DecodedPacket p = decode(LinkType.ETHERNET, frame);
        assertThat(p.statusLabel()).isEqualTo("ok");
        assertThat(p.vlanTags).isEqualTo(2);
        assertThat(p.vlanId).isEqualTo(100);
        assertThat(p.etherType).isEqualTo(0x0800);
        assertThat(p.dstPort).isEqualTo(53);
    }

    @Test
    void vlanTagCutByCaptureIsTruncatedVlan() {
        byte[] frame = concat(ethernet("8100"), hex("0064 0800"), ipv4(28, 17, 0), udp(8));
        DecodedPacket p = decode(record(LinkType.ETHERNET, frame, 16, frame.length));
        assertThat(p.statusLabel()).isEqualTo("truncated:vlan");
        assertThat(p.linkSrc).isEqualTo(MAC_2);
    }

    @Test
    void ieee8023LlcSnapCarriesIp() {
        byte[] frame = concat(hex("020000000001 020000000002 0024"), // 802.3 length 36
                hex("aaaa03 000000 0800"), // LLC/SNAP, RFC 1042, IPv4
                ipv4(28, 17, 0), udp(8));
        DecodedPacket p = decode(LinkType.ETHERNET, frame);
        assertThat(p.statusLabel()).isEqualTo("ok");
        assertThat(p.ipProto).isEqualTo(17);
        assertThat(p.srcPort).isEqualTo(5353);
    }

    @Test
    void linuxSllTakesSourceMacAndProtocol() {
        byte[] frame = concat(hex("0000", // packet type: to us
                "0001", // ARPHRD_ETHER
                "0006", // address length
                "020000000002 0000", // address, padded to 8
                "86dd"), // protocol IPv6
                ipv6(8, 17), udp(8));
        DecodedPacket p = decode(LinkType.LINUX_SLL, frame);
        assertThat(p.statusLabel()).isEqualTo("ok");
        assertThat(p.linkSrc).isEqualTo(MAC_2);
        assertThat(p.linkDst).isEqualTo(-1);
        assertThat(p.etherType).isEqualTo(0x86DD);
        assertThat(AddressFormat.ipSource(p)).isEqualTo("2001:db8::1");
        assertThat(AddressFormat.ipDestination(p)).isEqualTo("fe80::1:2");
        assertThat(p.ipLength).isEqualTo(48);
        assertThat(p.dstPort).isEqualTo(53);
    }

    @Test
    void linuxSllWithoutAddressHasNoLinkSource() {
        byte[] frame = concat(hex("0004 0304 0000 0000000000000000 0800"), ipv4(28, 17, 0), udp(8));
        DecodedPacket p = decode(LinkType.LINUX_SLL, frame);
        assertThat(p.statusLabel()).isEqualTo("ok");
        assertThat(p.linkSrc).isEqualTo(-1);
        assertThat(p.ipProto).isEqualTo(17);
    }

    @Test
    void linuxSll2ProtocolComesFirst() {
        byte[] frame = concat(hex("0800", // protocol IPv4
                "0000", // reserved
                "00000002", // interface index
                "0001", // ARPHRD_ETHER
                "04", // packet type: outgoing
                "06", // address length
                "020000000002 0000"), // address
                ipv4(40, 6, 0x4000), tcp());
        DecodedPacket p = decode(LinkType.LINUX_SLL2, frame);
        assertThat(p.statusLabel()).isEqualTo("ok");
        assertThat(p.linkSrc).isEqualTo(MAC_2);
        assertThat(p.srcPort).isEqualTo(443);
    }

    @Test
    void rawIpLinkTypesChooseTheVersion() {
        byte[] v4 = concat(ipv4(28, 17, 0), udp(8));
        byte[] v6 = concat(ipv6(8, 17), udp(8));
        assertThat(decode(LinkType.RAW, v4).ipVersion).isEqualTo(4);
        assertThat(decode(LinkType.RAW, v6).ipVersion).isEqualTo(6);
        assertThat(decode(LinkType.IPV4, v4).srcPort).isEqualTo(5353);
        assertThat(decode(LinkType.IPV6, v6).srcPort).isEqualTo(5353);
        assertThat(decode(LinkType.IPV4, v6).statusLabel()).isEqualTo("malformed:ipv4");
    }

    @Test
    void nullHeaderInEitherByteOrderAndLoopBigEndian() {
        byte[] udp = concat(ipv4(28, 17, 0), udp(8));
        byte[] udp6 = concat(ipv6(8, 17), udp(8));
        assertThat(decode(LinkType.NULL, concat(hex("02000000"), udp)).ipVersion).isEqualTo(4); // AF_INET, LE
        assertThat(decode(LinkType.NULL, concat(hex("00000002"), udp)).ipVersion).isEqualTo(4); // AF_INET, BE
        assertThat(decode(LinkType.NULL, concat(hex("1e000000"), udp6)).ipVersion).isEqualTo(6); // Darwin AF_INET6
        assertThat(decode(LinkType.LOOP, concat(hex("00000018"), udp6)).ipVersion).isEqualTo(6); // BSD AF_INET6
        DecodedPacket unknown = decode(LinkType.NULL, concat(hex("07000000"), udp));
        assertThat(unknown.statusLabel()).isEqualTo("ok");
        assertThat(unknown.ipVersion).isZero();
    }

    /** ppp-null_loopback.pcap frame 3: tshark takes a header it cannot read as a family as an EtherType. */
    @Test
    void nullHeaderAboveFifteenHundredIsAnEtherType() {
        DecodedPacket p = decode(LinkType.NULL, concat(hex("0f000800"), ipv4(28, 17, 0), udp(8)));
        assertThat(p.statusLabel()).isEqualTo("ok");
        assertThat(p.etherType).isEqualTo(0x0800);
        assertThat(p.srcPort).isEqualTo(5353);
    }

    @Test
    void ethernetHeaderCutByCaptureIsTruncatedLink() {
        byte[] frame = concat(ethernet("0800"), ipv4(28, 17, 0), udp(8));
        DecodedPacket p = decode(record(LinkType.ETHERNET, frame, 10, frame.length));
        assertThat(p.statusLabel()).isEqualTo("truncated:link");
        assertThat(p.linkSrc).isEqualTo(-1);
    }

    @Test
    void ethernetFrameShorterThanItsHeaderIsMalformedLink() {
        byte[] frame = Packets.hex("0200000000010200");
        assertThat(decode(LinkType.ETHERNET, frame).statusLabel()).isEqualTo("malformed:link");
    }

    @Test
    void emptyRecordOfEveryLinkTypeStopsCleanly() {
        int[] types = {LinkType.NULL, LinkType.ETHERNET, LinkType.RAW, LinkType.IEEE802_11, LinkType.LOOP,
            LinkType.LINUX_SLL, LinkType.IEEE802_11_PRISM, LinkType.IEEE802_11_RADIOTAP, LinkType.PPI,
            LinkType.IPV4, LinkType.IPV6, LinkType.LINUX_SLL2};
        for (int type : types) {
            DecodedPacket cut = decode(record(type, new byte[0], 0, 100));
            DecodedPacket empty = decode(record(type, new byte[0], 0, 0));
            assertThat(cut.status).as("link type %d cut", type).isEqualTo(Status.TRUNCATED);
            assertThat(empty.status).as("link type %d empty", type).isEqualTo(Status.MALFORMED);
        }
    }

    @Test
    void unknownLinkTypeDecodesNothing() {
        DecodedPacket p = decode(12345, hex("00112233"));
        assertThat(p.statusLabel()).isEqualTo("ok");
        assertThat(p.linkSrc).isEqualTo(-1);
        assertThat(p.ipVersion).isZero();
    }

    @Test
    void reusedViewIsResetBetweenPackets() {
        LinkDecoder decoder = new LinkDecoder();
        DecodedPacket p = new DecodedPacket();
        decoder.decode(record(LinkType.ETHERNET, concat(ethernet("8100"), hex("0064 0800"), ipv4(40, 6, 0), tcp())), p);
        assertThat(p.srcPort).isEqualTo(443);
        decoder.decode(record(LinkType.ETHERNET, concat(ethernet("0806"), zeros(28))), p);
        assertThat(p.statusLabel()).isEqualTo("ok");
        assertThat(p.vlanId).isEqualTo(-1);
        assertThat(p.etherType).isEqualTo(0x0806);
        assertThat(p.ipVersion).isZero();
        assertThat(p.srcPort).isEqualTo(-1);
    }

    /** The hot path allocates nothing per packet (the per-thread allocation counter barely moves). */
    @Test
    void decodingAllocatesNothingPerPacket() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        assumeTrue(threads instanceof com.sun.management.ThreadMXBean sun
                && sun.isThreadAllocatedMemorySupported() && sun.isThreadAllocatedMemoryEnabled(),
                "this JVM does not count allocated bytes per thread");
        com.sun.management.ThreadMXBean counter = (com.sun.management.ThreadMXBean) threads;
        CaptureRecord[] records = {
            record(LinkType.ETHERNET, concat(ethernet("8100"), hex("0064 0800"), ipv4(40, 6, 0), tcp())),
            record(LinkType.ETHERNET, concat(ethernet("86dd"), ipv6(16, 44), hex("1100 0001 0000abcd"), udp(8))),
            record(LinkType.IEEE802_11_RADIOTAP, concat(hex("00 00 0800 00000000"), hex("0801 0000"),
                    hex("0000000000a1 0000000000b2 0000000000c3 0000"), hex("aaaa03 000000 0800"),
                    ipv4(28, 17, 0), udp(8))),
            record(LinkType.LINUX_SLL2, concat(hex("0800 0000 00000002 0001 04 06 020000000002 0000"),
                    ipv4(40, 6, 0), tcp()))};
        LinkDecoder decoder = new LinkDecoder();
        DecodedPacket p = new DecodedPacket();
        long checksum = 0;
        for (int warm = 0; warm < 20_000; warm++) {
            decoder.decode(records[warm & 3], p);
        }
        long before = counter.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 400_000; i++) {
            decoder.decode(records[i & 3], p);
            checksum += p.srcPort;
        }
        long allocated = counter.getCurrentThreadAllocatedBytes() - before;
        assertThat(checksum).isPositive();
        assertThat(allocated).as("bytes allocated for 400 000 packets").isLessThan(400_000);
    }

    /** Random bytes, random cuts, every link type: decode() never throws and always names a layer. */
    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(20261125L);
        int[] types = {0, 1, 101, 105, 108, 113, 119, 127, 192, 228, 229, 276};
        byte[] seed = concat(ethernet("8100"), hex("0064 86dd"), ipv6(28, 0), hex("2c00 0000 0000 0000"),
                hex("1100 0001 0000 0000"), udp(12), zeros(4));
        LinkDecoder decoder = new LinkDecoder();
        DecodedPacket p = new DecodedPacket();
        for (int i = 0; i < 200_000; i++) {
            boolean mutateSeed = random.nextInt(4) == 0;
            byte[] bytes = mutateSeed ? seed.clone() : new byte[random.nextInt(200)];
            if (!mutateSeed) {
                random.nextBytes(bytes);
            }
            for (int flips = random.nextInt(4); flips > 0 && bytes.length > 0; flips--) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            int captured = bytes.length == 0 ? 0 : random.nextInt(bytes.length + 1);
            CaptureRecord r = record(types[random.nextInt(types.length)], bytes, captured,
                    bytes.length + random.nextInt(3) * random.nextInt(100));
            decoder.decode(r, p);
            if (p.status != Status.OK) {
                assertThat(p.stoppedLayer).isNotNull();
            }
            assertThat(p.payloadLength).isBetween(0, captured);
        }
        assertThat(decoder.guardTrips()).isZero();
    }

    /**
     * The one-step decoding of the common frame (Ethernet II, IPv4 without options, TCP or UDP)
     * fills every field as the layers do: Ethernet frames of IPv4 and IPv6 with and without tags,
     * options, fragments and payload, cut at any length, with a stated FCS or not, a third with
     * one byte of the headers replaced.
     */
    @Test
    void theCommonFrameDecodesInOneStepAsThroughTheLayers() throws IllegalAccessException {
        Random random = new Random(20261206L);
        LinkDecoder direct = new LinkDecoder();
        LinkDecoder layered = new LinkDecoder(false);
        DecodedPacket a = new DecodedPacket();
        DecodedPacket b = new DecodedPacket();
        java.lang.reflect.Field[] fields = DecodedPacket.class.getFields();
        int common = 0;
        for (int i = 0; i < 100_000; i++) {
            byte[] frame = PacketMaker.make(random, LinkType.ETHERNET);
            if (random.nextInt(4) == 0) {
                // the fields the one step reads: EtherType, IP version and lengths, fragment, protocol, TCP offset, UDP length
                int at = new int[] {12, 13, 14, 16, 17, 20, 21, 23, 38, 39, 46}[random.nextInt(11)];
                if (at < frame.length) {
                    frame[at] = (byte) (random.nextBoolean() ? random.nextInt(256) : frame[at] ^ 1 << random.nextInt(8));
                }
            }
            int captured = random.nextInt(3) == 0 ? random.nextInt(frame.length + 1) : frame.length;
            long wire = random.nextInt(4) == 0 ? captured + random.nextInt(30) - 10 : frame.length;
            CaptureRecord r = record(LinkType.ETHERNET, frame, captured, wire);
            if (i % 2 == 0) {
                r.data = r.data.duplicate().order(java.nio.ByteOrder.BIG_ENDIAN); // as the readers hand it over
            }
            r.fcsLength = new int[] {-1, -1, 0, 4, 9}[random.nextInt(5)];
            direct.decode(r, a);
            layered.decode(r, b);
            for (java.lang.reflect.Field f : fields) {
                assertThat(f.get(a)).as("frame %d, %s of %s", i, f.getName(), java.util.HexFormat.of().formatHex(frame)).isEqualTo(f.get(b));
            }
            if (b.status == Status.OK && b.etherType == 0x0800 && b.vlanTags == 0 && !b.ipFragment && b.transportOffset == 34) {
                common++;
            }
        }
        assertThat(common).as("frames of the common kind").isGreaterThan(10_000);
        assertThat(direct.guardTrips() + layered.guardTrips()).isZero();
    }
}
