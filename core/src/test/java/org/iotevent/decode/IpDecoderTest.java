package org.iotevent.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iotevent.decode.Packets.concat;
import static org.iotevent.decode.Packets.decode;
import static org.iotevent.decode.Packets.hex;
import static org.iotevent.decode.Packets.ipv4;
import static org.iotevent.decode.Packets.ipv6;
import static org.iotevent.decode.Packets.record;
import static org.iotevent.decode.Packets.tcp;
import static org.iotevent.decode.Packets.udp;
import static org.iotevent.decode.Packets.zeros;

import org.iotevent.capture.LinkType;
import org.junit.jupiter.api.Test;

/** IPv4, IPv6 and the transport headers, through raw-IP records (link type 101). */
class IpDecoderTest {
    private static DecodedPacket raw(byte[] packet) {
        return decode(LinkType.RAW, packet);
    }

    @Test
    void ipv4OptionsAreSkipped() {
        byte[] packet = concat(hex("46000020 0000 0000 0102 0000 c0000201 e0000016"), // IHL 6, IGMP
                hex("94040000"), // router alert option
                hex("1600 0000 e0000016")); // IGMPv2 report
        DecodedPacket p = raw(packet);
        assertThat(p.statusLabel()).isEqualTo("ok");
        assertThat(p.ipProto).isEqualTo(2);
        assertThat(p.payloadOffset).isEqualTo(24);
        assertThat(p.payloadLength).isEqualTo(8);
    }

    @Test
    void firstFragmentHasPortsLaterFragmentsDoNot() {
        DecodedPacket first = raw(concat(ipv4(36, 17, 0x2000), udp(1000), zeros(8))); // MF, offset 0
        assertThat(first.ipFragment).isTrue();
        assertThat(first.ipFragmentOffset).isZero();
        assertThat(first.srcPort).isEqualTo(5353);
        assertThat(first.statusLabel()).isEqualTo("ok");

        DecodedPacket later = raw(concat(ipv4(36, 17, 185), zeros(16))); // offset 185 * 8
        assertThat(later.ipFragment).isTrue();
        assertThat(later.ipFragmentOffset).isEqualTo(1480);
        assertThat(later.ipProto).isEqualTo(17);
        assertThat(later.srcPort).isEqualTo(-1);
        assertThat(later.payloadOffset).isEqualTo(20);
        assertThat(later.payloadLength).isEqualTo(16);
        assertThat(later.statusLabel()).isEqualTo("ok");
    }

    @Test
    void ipv4HeaderLengthBelowTwentyIsMalformed() {
        byte[] packet = concat(ipv4(28, 17, 0), udp(8));
        packet[0] = 0x44; // IHL 4
        assertThat(raw(packet).statusLabel()).isEqualTo("malformed:ipv4");
    }

    @Test
    void ipv4TotalLengthBeyondTheFrameIsMalformed() {
        DecodedPacket p = raw(concat(ipv4(100, 17, 0), udp(8)));
        assertThat(p.statusLabel()).isEqualTo("malformed:ipv4");
        assertThat(p.ipLength).isEqualTo(100);
        assertThat(AddressFormat.ipSource(p)).isEqualTo("192.0.2.1");
    }

    @Test
    void ipv4TotalLengthBelowHeaderLengthIsMalformed() {
        assertThat(raw(concat(ipv4(0, 6, 0), tcp())).statusLabel()).isEqualTo("malformed:ipv4");
    }

    @Test
    void ipv4OptionsCutByCaptureAreTruncated() {
        byte[] packet = concat(hex("47000030 0000 0000 4011 0000 c0000201 c6336402"), zeros(28)); // IHL 7
        DecodedPacket p = decode(record(LinkType.RAW, packet, 24, packet.length));
        assertThat(p.statusLabel()).isEqualTo("truncated:ipv4");
        assertThat(p.ipProto).isEqualTo(17);
    }

    @Test
    void tcpCutBySnapLengthIsTruncatedButKeepsPorts() {
        byte[] packet = concat(ipv4(40, 6, 0), tcp());
        DecodedPacket p = decode(record(LinkType.RAW, packet, 30, packet.length));
        assertThat(p.statusLabel()).isEqualTo("truncated:tcp");
        assertThat(p.srcPort).isEqualTo(443);
        assertThat(p.dstPort).isEqualTo(50000);
    }

    @Test
    void tcpHeaderLongerThanTheIpPacketIsMalformed() {
        DecodedPacket p = raw(concat(ipv4(20 + 8, 6, 0), tcp()));
        assertThat(p.statusLabel()).isEqualTo("malformed:tcp");
        assertThat(p.srcPort).isEqualTo(443);
    }

    @Test
    void tcpDataOffsetBelowFiveIsMalformed() {
        byte[] packet = concat(ipv4(40, 6, 0), tcp());
        packet[20 + 12] = 0x40;
        assertThat(raw(packet).statusLabel()).isEqualTo("malformed:tcp");
    }

    @Test
    void tcpOptionsCountTowardsTheHeader() {
        byte[] packet = concat(ipv4(20 + 24 + 3, 6, 0), tcp(), hex("020405b4"), hex("616263"));
        packet[20 + 12] = 0x60; // data offset 6: one option word
        DecodedPacket p = raw(packet);
        assertThat(p.statusLabel()).isEqualTo("ok");
        assertThat(p.payloadOffset).isEqualTo(44);
        assertThat(p.payloadLength).isEqualTo(3);
    }

    @Test
    void udpLengthBelowEightIsMalformed() {
        assertThat(raw(concat(ipv4(28, 17, 0), udp(4))).statusLabel()).isEqualTo("malformed:udp");
    }

    @Test
    void udpLengthBeyondTheIpPacketIsMalformed() {
        DecodedPacket p = raw(concat(ipv4(28, 17, 0), udp(20)));
        assertThat(p.statusLabel()).isEqualTo("malformed:udp");
        assertThat(p.dstPort).isEqualTo(53);
    }

    @Test
    void udpPayloadSlicedToItsLengthAndTheCapture() {
        byte[] packet = concat(ipv4(20 + 8 + 10, 17, 0), udp(18), zeros(10));
        DecodedPacket whole = raw(packet);
        assertThat(whole.payloadLength).isEqualTo(10);
        DecodedPacket cut = decode(record(LinkType.RAW, packet, 32, packet.length));
        assertThat(cut.statusLabel()).isEqualTo("ok");
        assertThat(cut.payloadLength).isEqualTo(4);
    }

    @Test
    void ipv6ExtensionChainEndsAtTheUpperLayer() {
        byte[] packet = concat(ipv6(8 + 24 + 8 + 8 + 8, 0), // next: hop-by-hop
                hex("2b00 0104 00000000"), // hop-by-hop, next routing, PadN
                hex("3c02 0000 00000000", "20010db8000000000000000000000009"), // routing type 0, 24 bytes
                hex("2c00 0100 00000000"), // destination options, next fragment
                hex("1100 0001 0000abcd"), // fragment: next UDP, offset 0, M=1
                udp(8));
        DecodedPacket p = raw(packet);
        assertThat(p.statusLabel()).isEqualTo("ok");
        assertThat(p.ipProto).isEqualTo(17);
        assertThat(p.ipFragment).isTrue();
        assertThat(p.ipFragmentOffset).isZero();
        assertThat(p.srcPort).isEqualTo(5353);
        assertThat(p.ipLength).isEqualTo(40 + 56);
    }

    @Test
    void ipv6LaterFragmentHasNoPorts() {
        DecodedPacket p = raw(concat(ipv6(8 + 16, 44), hex("1100 05c8 0000abcd"), zeros(16)));
        assertThat(p.statusLabel()).isEqualTo("ok");
        assertThat(p.ipProto).isEqualTo(17);
        assertThat(p.ipFragmentOffset).isEqualTo(185 * 8);
        assertThat(p.srcPort).isEqualTo(-1);
        assertThat(p.payloadLength).isEqualTo(16);
    }

    @Test
    void ipv6AuthenticationHeaderIsWalked() {
        byte[] packet = concat(ipv6(24 + 8, 51),
                hex("1104 0000 00000100 00000001 0000000000000000 00000000"), // AH: next UDP, len 4 -> 24 bytes
                udp(8));
        DecodedPacket p = raw(packet);
        assertThat(p.statusLabel()).isEqualTo("ok");
        assertThat(p.ipProto).isEqualTo(17);
        assertThat(p.dstPort).isEqualTo(53);
    }

    @Test
    void ipv6ExtensionHeaderBeyondThePayloadLengthIsMalformed() {
        DecodedPacket p = raw(concat(ipv6(8, 0), hex("1101 0000 00000000 0000 0000 00000000"), udp(8)));
        assertThat(p.statusLabel()).isEqualTo("malformed:ipv6");
        assertThat(p.ipProto).isEqualTo(17);
    }

    @Test
    void ipv6PayloadLengthBeyondTheFrameIsMalformed() {
        assertThat(raw(concat(ipv6(100, 17), udp(8))).statusLabel()).isEqualTo("malformed:ipv6");
    }

    @Test
    void ipv6HeaderCutIsTruncated() {
        byte[] packet = concat(ipv6(8, 17), udp(8));
        DecodedPacket p = decode(record(LinkType.RAW, packet, 39, packet.length));
        assertThat(p.statusLabel()).isEqualTo("truncated:ipv6");
        assertThat(p.ipProto).isEqualTo(-1);
    }

    /** Found by IpTsharkFuzzTest: tshark shows a raw packet of another IP version as data. */
    @Test
    void rawPacketOfAnotherVersionHasNoIpLayer() {
        byte[] packet = concat(ipv4(28, 17, 0), udp(8));
        packet[0] = 0x55;
        DecodedPacket p = raw(packet);
        assertThat(p.statusLabel()).isEqualTo("ok");
        assertThat(p.ipVersion).isZero();
    }

    /** Found by IpTsharkFuzzTest: tshark decodes no transport header when IPv4 declares no payload. */
    @Test
    void ipPacketWithoutPayloadHasNoTransportHeader() {
        DecodedPacket p = raw(concat(ipv4(20, 17, 0), udp(8)));
        assertThat(p.statusLabel()).isEqualTo("ok");
        assertThat(p.ipProto).isEqualTo(17);
        assertThat(p.srcPort).isEqualTo(-1);
        assertThat(p.payloadLength).isZero();
    }

    @Test
    void ipv6NoNextHeaderEndsTheChain() {
        DecodedPacket p = raw(ipv6(0, 59));
        assertThat(p.statusLabel()).isEqualTo("ok");
        assertThat(p.ipProto).isEqualTo(59);
        assertThat(p.payloadLength).isZero();
    }
}
