package org.iotevent.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iotevent.decode.Packets.concat;
import static org.iotevent.decode.Packets.decode;
import static org.iotevent.decode.Packets.hex;
import static org.iotevent.decode.Packets.ipv4;
import static org.iotevent.decode.Packets.record;
import static org.iotevent.decode.Packets.udp;
import static org.iotevent.decode.Packets.zeros;

import org.iotevent.capture.CaptureRecord;
import org.iotevent.capture.LinkType;
import org.junit.jupiter.api.Test;

class WlanDecoderTest {
    private static final long AP = 0x0000_0000_00A1L;
    private static final long STA = 0x0000_0000_00B2L;
    private static final long HOST = 0x0000_0000_00C3L;
    private static final long PEER = 0x0000_0000_00D4L;
    private static final String MAC_AP = "0000000000a1";
    private static final String MAC_STA = "0000000000b2";
    private static final String MAC_HOST = "0000000000c3";
    private static final String MAC_PEER = "0000000000d4";
    /** LLC/SNAP (RFC 1042) carrying IPv4, then a UDP datagram. */
    private static final byte[] LLC_IPV4_UDP = concat(hex("aaaa03 000000 0800"), ipv4(28, 17, 0), udp(8));

    @Test
    void toDsDataFrameTakesBssidSaDaAndDecodesIp() {
        byte[] frame = concat(hex("0801", "0000", MAC_AP, MAC_STA, MAC_HOST, "a001"), LLC_IPV4_UDP);
        DecodedPacket p = decode(LinkType.IEEE802_11, frame);
        assertThat(p.statusLabel()).isEqualTo("ok");
        assertThat(p.wlan).isTrue();
        assertThat(p.wlanTypeSubtype).isEqualTo(0x20);
        assertThat(p.wlanDs).isEqualTo(1);
        assertThat(p.wlanRa).isEqualTo(AP);
        assertThat(p.wlanBssid).isEqualTo(AP);
        assertThat(p.wlanTa).isEqualTo(STA);
        assertThat(p.linkSrc).isEqualTo(STA);
        assertThat(p.linkDst).isEqualTo(HOST);
        assertThat(p.wlanSequence).isEqualTo(26);
        assertThat(p.wlanHeaderLength).isEqualTo(24);
        assertThat(p.wlanBodyWireLength).isEqualTo(8 + 28);
        assertThat(p.wlanFcsPresent).isFalse();
        assertThat(p.etherType).isEqualTo(0x0800);
        assertThat(p.ipProto).isEqualTo(17);
        assertThat(p.dstPort).isEqualTo(53);
    }

    @Test
    void bare80211FcsOnlyWhenTheFileSaysSo() {
        byte[] frame = concat(hex("0801", "0000", MAC_AP, MAC_STA, MAC_HOST, "a001"), LLC_IPV4_UDP, hex("01020304"));
        DecodedPacket unknown = decode(LinkType.IEEE802_11, frame);
        assertThat(unknown.wlanFcsPresent).isFalse();
        assertThat(unknown.wlanBodyWireLength).isEqualTo(8 + 28 + 4);
        CaptureRecord r = record(LinkType.IEEE802_11, frame);
        r.fcsLength = 4;
        DecodedPacket declared = decode(r);
        assertThat(declared.wlanFcsPresent).isTrue();
        assertThat(declared.wlanBodyWireLength).isEqualTo(8 + 28);
        assertThat(declared.statusLabel()).isEqualTo("ok");
    }

    @Test
    void fromDsQosDataWithOrderBitHasHtControl() {
        byte[] frame = concat(hex("8882", "0000", MAC_STA, MAC_AP, MAC_HOST, "1000", "0000", "00000000"),
                LLC_IPV4_UDP);
        DecodedPacket p = decode(LinkType.IEEE802_11, frame);
        assertThat(p.statusLabel()).isEqualTo("ok");
        assertThat(p.wlanTypeSubtype).isEqualTo(0x28);
        assertThat(p.wlanQos).isTrue();
        assertThat(p.wlanHeaderLength).isEqualTo(30);
        assertThat(p.linkDst).isEqualTo(STA);
        assertThat(p.wlanBssid).isEqualTo(AP);
        assertThat(p.linkSrc).isEqualTo(HOST);
        assertThat(p.srcPort).isEqualTo(5353);
    }

    @Test
    void fourAddressProtectedQosDataIsCcmpWithoutBssid() {
        byte[] frame = concat(hex("8843", "0000", MAC_AP, MAC_STA, MAC_HOST, "2000", MAC_PEER, "0000"),
                hex("0100 0020 00000000"), // CCMP header: PN, reserved 0, ExtIV
                zeros(40), zeros(8)); // encrypted body, MIC
        DecodedPacket p = decode(LinkType.IEEE802_11, frame);
        assertThat(p.statusLabel()).isEqualTo("ok");
        assertThat(p.wlanDs).isEqualTo(3);
        assertThat(p.wlanProtected).isTrue();
        assertThat(p.wlanHeaderLength).isEqualTo(32);
        assertThat(p.wlanRa).isEqualTo(AP);
        assertThat(p.wlanTa).isEqualTo(STA);
        assertThat(p.linkDst).isEqualTo(HOST);
        assertThat(p.linkSrc).isEqualTo(PEER);
        assertThat(p.wlanBssid).isEqualTo(-1);
        assertThat(p.wlanCipher).isEqualTo(WlanCipher.CCMP);
        assertThat(p.wlanBodyWireLength).isEqualTo(8 + 40 + 8);
        assertThat(p.ipVersion).isZero();
    }

    @Test
    void cipherFromTheSecurityHeader() {
        byte[] header = hex("0842 0000", MAC_STA, MAC_AP, MAC_HOST, "3000"); // data, FromDS + protected
        byte[] tkip = concat(header, hex("00 20 01 20 00000000"), zeros(20)); // WEP seed, ExtIV
        byte[] wep = concat(header, hex("112233 00"), zeros(20)); // IV, key 0, no ExtIV
        byte[] unknown = concat(header, hex("11 22 33 20 00000000"), zeros(20)); // ExtIV, neither
        assertThat(decode(LinkType.IEEE802_11, tkip).wlanCipher).isEqualTo(WlanCipher.TKIP);
        assertThat(decode(LinkType.IEEE802_11, wep).wlanCipher).isEqualTo(WlanCipher.WEP);
        assertThat(decode(LinkType.IEEE802_11, unknown).wlanCipher).isEqualTo(WlanCipher.UNKNOWN);
    }

    @Test
    void controlFramesCarryOnlyTheirAddresses() {
        DecodedPacket ack = decode(LinkType.IEEE802_11, hex("d400 0000", MAC_STA));
        assertThat(ack.wlanTypeSubtype).isEqualTo(0x1d);
        assertThat(ack.wlanRa).isEqualTo(STA);
        assertThat(ack.wlanTa).isEqualTo(-1);
        assertThat(ack.linkSrc).isEqualTo(-1);
        assertThat(ack.wlanSequence).isEqualTo(-1);
        assertThat(ack.statusLabel()).isEqualTo("ok");

        DecodedPacket rts = decode(LinkType.IEEE802_11, hex("b400 0000", MAC_AP, MAC_STA));
        assertThat(rts.wlanTypeSubtype).isEqualTo(0x1b);
        assertThat(rts.wlanRa).isEqualTo(AP);
        assertThat(rts.wlanTa).isEqualTo(STA);

        DecodedPacket psPoll = decode(LinkType.IEEE802_11, hex("a400 01c0", MAC_AP, MAC_STA));
        assertThat(psPoll.wlanBssid).isEqualTo(AP);
        assertThat(psPoll.wlanTa).isEqualTo(STA);
        assertThat(psPoll.wlanRa).isEqualTo(AP);
    }

    @Test
    void beaconHasAllFiveAddresses() {
        byte[] frame = concat(hex("8000 0000 ffffffffffff", MAC_AP, MAC_AP, "5000"), zeros(12));
        DecodedPacket p = decode(LinkType.IEEE802_11, frame);
        assertThat(p.wlanTypeSubtype).isEqualTo(0x08);
        assertThat(p.linkDst).isEqualTo(0xFFFF_FFFF_FFFFL);
        assertThat(p.wlanRa).isEqualTo(0xFFFF_FFFF_FFFFL);
        assertThat(p.linkSrc).isEqualTo(AP);
        assertThat(p.wlanTa).isEqualTo(AP);
        assertThat(p.wlanBssid).isEqualTo(AP);
        assertThat(p.wlanSequence).isEqualTo(5);
        assertThat(p.wlanBodyWireLength).isEqualTo(12);
    }

    @Test
    void retryFlagAndCutHeader() {
        byte[] frame = concat(hex("0809 0000", MAC_AP, MAC_STA, MAC_HOST, "0000"), LLC_IPV4_UDP);
        assertThat(decode(LinkType.IEEE802_11, frame).wlanRetry).isTrue();
        DecodedPacket cut = decode(record(LinkType.IEEE802_11, frame, 20, frame.length));
        assertThat(cut.statusLabel()).isEqualTo("truncated:wlan");
        assertThat(cut.wlanTypeSubtype).isEqualTo(0x20);
        DecodedPacket shortFrame = decode(LinkType.IEEE802_11, hex("0801 0000", MAC_AP));
        assertThat(shortFrame.statusLabel()).isEqualTo("malformed:wlan");
    }

    @Test
    void llcCutBySnapLengthIsTruncatedLlc() {
        byte[] frame = concat(hex("0801 0000", MAC_AP, MAC_STA, MAC_HOST, "0000"), LLC_IPV4_UDP);
        assertThat(decode(record(LinkType.IEEE802_11, frame, 28, frame.length)).statusLabel())
                .isEqualTo("truncated:llc");
    }

    @Test
    void radiotapFlagsTellFcsAndItIsExcludedFromTheBody() {
        byte[] radiotap = hex("00 00 1200 07000000", // version, pad, length 18, present: TSFT, flags, rate
                "0102030405060708", // TSFT
                "10", // flags: FCS at end
                "02"); // rate
        byte[] frame = concat(radiotap, hex("0801 0000", MAC_AP, MAC_STA, MAC_HOST, "0000"), LLC_IPV4_UDP,
                hex("deadbeef")); // FCS
        DecodedPacket p = decode(LinkType.IEEE802_11_RADIOTAP, frame);
        assertThat(p.statusLabel()).isEqualTo("ok");
        assertThat(p.wlanFcsPresent).isTrue();
        assertThat(p.wlanBadFcs).isFalse();
        assertThat(p.wlanHeaderOffset).isEqualTo(18);
        assertThat(p.wlanBodyWireLength).isEqualTo(8 + 28);
        assertThat(p.srcPort).isEqualTo(5353);
    }

    @Test
    void radiotapExtendedBitmapsAreWalkedToTheFlags() {
        byte[] radiotap = hex("00 00 1000", "02000080", "00000000", // flags + ext, then an empty word
                "50", // flags: FCS at end, bad FCS
                "000000"); // padding to length 16
        byte[] frame = concat(radiotap, hex("d400 0000", MAC_STA), hex("00000000"));
        DecodedPacket p = decode(LinkType.IEEE802_11_RADIOTAP, frame);
        assertThat(p.statusLabel()).isEqualTo("ok");
        assertThat(p.wlanFcsPresent).isTrue();
        assertThat(p.wlanBadFcs).isTrue();
        assertThat(p.wlanRa).isEqualTo(STA);
    }

    @Test
    void radiotapDamage() {
        assertThat(decode(LinkType.IEEE802_11_RADIOTAP, hex("00 00 0400 00000000")).statusLabel())
                .isEqualTo("malformed:radiotap");
        byte[] frame = concat(hex("00 00 0800 00000000"), hex("d400 0000", MAC_STA));
        assertThat(decode(record(LinkType.IEEE802_11_RADIOTAP, frame, 6, frame.length)).statusLabel())
                .isEqualTo("truncated:radiotap");
        byte[] endless = hex("00 00 0c00 00000080 00000080"); // extension bit set beyond the header
        assertThat(decode(LinkType.IEEE802_11_RADIOTAP, concat(endless, hex("d400 0000", MAC_STA)))
                .statusLabel()).isEqualTo("malformed:radiotap");
    }

    /** Found by WlanTsharkTest: tshark decodes neither another radiotap version nor 802.11 PV1. */
    @Test
    void unknownRadiotapVersionAndProtocolVersionAreNotDecoded() {
        byte[] frame = concat(hex("00 00 0800 00000000"), hex("d400 0000", MAC_STA));
        frame[0] = 1;
        DecodedPacket radiotap = decode(LinkType.IEEE802_11_RADIOTAP, frame);
        assertThat(radiotap.statusLabel()).isEqualTo("ok");
        assertThat(radiotap.wlanRa).isEqualTo(-1);
        DecodedPacket pv1 = decode(LinkType.IEEE802_11, hex("d500 0000", MAC_STA));
        assertThat(pv1.statusLabel()).isEqualTo("ok");
        assertThat(pv1.wlan).isTrue();
        assertThat(pv1.wlanTypeSubtype).isEqualTo(-1);
        assertThat(pv1.wlanRa).isEqualTo(-1);
    }

    @Test
    void ppiWith80211CommonFcsFlag() {
        byte[] ppi = hex("00 00 2000 69000000", // version, flags, length 32, DLT 105
                "0200 1400", // field: 802.11-Common, 20 bytes
                "0000000000000000", "0100", "0200 6c09 a000 0000 c4 a0"); // TSFT, flags FCS, rate, channel...
        byte[] frame = concat(ppi, hex("0801 0000", MAC_AP, MAC_STA, MAC_HOST, "0000"), LLC_IPV4_UDP,
                hex("deadbeef"));
        DecodedPacket p = decode(LinkType.PPI, frame);
        assertThat(p.statusLabel()).isEqualTo("ok");
        assertThat(p.wlan).isTrue();
        assertThat(p.wlanFcsPresent).isTrue();
        assertThat(p.wlanHeaderOffset).isEqualTo(32);
        assertThat(p.linkSrc).isEqualTo(STA);
        assertThat(p.dstPort).isEqualTo(53);
    }

    @Test
    void ppiFieldOverrunningTheHeaderIsMalformed() {
        byte[] ppi = hex("00 00 1000 69000000", "0200 1400 00000000");
        assertThat(decode(LinkType.PPI, concat(ppi, hex("d400 0000", MAC_STA))).statusLabel())
                .isEqualTo("malformed:ppi");
    }

    @Test
    void prismHeaderLengthLeadsToTheFrame() {
        byte[] prism = concat(hex("44000000 90000000"), zeros(136)); // msgcode, msglen 144
        DecodedPacket p = decode(LinkType.IEEE802_11_PRISM, concat(prism, hex("d400 0000", MAC_STA)));
        assertThat(p.statusLabel()).isEqualTo("ok");
        assertThat(p.wlanHeaderOffset).isEqualTo(144);
        assertThat(p.wlanRa).isEqualTo(STA);
        DecodedPacket cut = decode(record(LinkType.IEEE802_11_PRISM, concat(prism, hex("d400 0000", MAC_STA)), 100, 154));
        assertThat(cut.statusLabel()).isEqualTo("truncated:prism");
    }

    /** Found by WlanTsharkTest: tshark reads link type 119 as AVS, Prism, or a bare frame. */
    @Test
    void avsHeaderOrNoRadioHeaderUnderPrismLinkType() {
        byte[] avs = concat(hex("80211001 00000040"), zeros(56)); // AVS v2 magic, length 64
        DecodedPacket p = decode(LinkType.IEEE802_11_PRISM, concat(avs, hex("d400 0000", MAC_STA)));
        assertThat(p.statusLabel()).isEqualTo("ok");
        assertThat(p.wlanHeaderOffset).isEqualTo(64);
        assertThat(p.wlanRa).isEqualTo(STA);
        DecodedPacket bare = decode(LinkType.IEEE802_11_PRISM, hex("d400 0000", MAC_STA));
        assertThat(bare.wlanHeaderOffset).isZero();
        assertThat(bare.wlanRa).isEqualTo(STA);
    }

    /**
     * A long A-MSDU whose capture ends inside the header of its 41st subframe: the 40 whole ones
     * are decoded in turn, each with its own source, and each carries the truncation the walk over
     * the frame finds after it (as when every subframe walked the frame from its start).
     */
    @Test
    void everySubframeOfALongAMsduIsItsOwnAndCarriesTheCutAfterIt() {
        byte[] frame = hex("8802", "0000", MAC_STA, MAC_AP, MAC_HOST, "a001", "8000");
        for (int i = 0; i < 41; i++) {
            byte[] subframe = concat(hex(MAC_STA, String.format("0000000001%02x", i), "0024"), LLC_IPV4_UDP, zeros(2));
            frame = concat(frame, subframe);
        }
        int captured = frame.length - 52 + 7;
        CaptureRecord r = record(LinkType.IEEE802_11, frame, captured, frame.length - 2);
        LinkDecoder decoder = new LinkDecoder();
        DecodedPacket p = new DecodedPacket();
        decoder.decode(r, p);
        java.util.List<Long> sources = new java.util.ArrayList<>();
        do {
            assertThat(p.wlanSubframe).isEqualTo(sources.size());
            assertThat(p.wlanSubframes).isEqualTo(40);
            assertThat(p.statusLabel()).isEqualTo("truncated:wlan");
            assertThat(p.dstPort).isEqualTo(53);
            sources.add(p.linkSrc);
        } while (decoder.nextSubframe(r, p));
        assertThat(sources).hasSize(40).doesNotHaveDuplicates().allMatch(s -> (s & ~0xFFL) == 0x100L);
        assertThat(sources.get(39)).isEqualTo(0x100L + 39);
    }

    /**
     * An unprotected A-MSDU: two subframes (DA, SA, length, LLC/SNAP + packet, padding to 4 bytes
     * after the first), each decoded in turn with its own DA/SA and IP; a length beyond the body is
     * malformed.
     */
    @Test
    void unprotectedAMsduSubframesAreDecodedOneAfterTheOther() {
        byte[] first = concat(hex(MAC_STA, MAC_HOST, "0024"), LLC_IPV4_UDP, zeros(2)); // 14 + 36, padded to 52
        byte[] second = concat(hex(MAC_STA, MAC_PEER, "0024"), LLC_IPV4_UDP);
        byte[] frame = concat(hex("8802", "0000", MAC_STA, MAC_AP, MAC_HOST, "a001", "8000"), first, second);
        CaptureRecord r = record(LinkType.IEEE802_11, frame);
        LinkDecoder decoder = new LinkDecoder();
        DecodedPacket p = new DecodedPacket();
        decoder.decode(r, p);
        assertThat(p.statusLabel()).isEqualTo("ok");
        assertThat(p.wlanAmsdu).isTrue();
        assertThat(p.wlanSubframes).isEqualTo(2);
        assertThat(p.wlanSubframe).isZero();
        assertThat(p.linkSrc).isEqualTo(HOST);
        assertThat(p.ipLength).isEqualTo(28);
        assertThat(decoder.nextSubframe(r, p)).isTrue();
        assertThat(p.wlanSubframe).isEqualTo(1);
        assertThat(p.linkSrc).isEqualTo(PEER);
        assertThat(p.linkDst).isEqualTo(STA);
        assertThat(p.ipLength).isEqualTo(28);
        assertThat(p.dstPort).isEqualTo(53);
        assertThat(decoder.nextSubframe(r, p)).isFalse();

        byte[] lying = concat(hex("8802", "0000", MAC_STA, MAC_AP, MAC_HOST, "a001", "8000"), hex(MAC_STA, MAC_HOST,
                "0100"), LLC_IPV4_UDP);
        assertThat(decode(LinkType.IEEE802_11, lying).statusLabel()).isEqualTo("malformed:wlan");
    }

    /**
     * A protected A-MSDU shows only its total: the model cuts the plaintext into full-size
     * subframes (14 + 8 + 1500 + 2 padding) and the rest, so one message's full-size segments come
     * back exactly and a single packet is a single subframe.
     */
    @Test
    void protectedAMsduSubframesFollowTheLengthModel() {
        int plaintext = 2 * 1524 + 14 + 8 + 612; // two full-size packets and a 612-byte one
        byte[] frame = concat(hex("8842", "0000", MAC_STA, MAC_AP, MAC_HOST, "a001", "8000"),
                hex("0102002001000000"), zeros(plaintext + 8));
        CaptureRecord r = record(LinkType.IEEE802_11, frame);
        LinkDecoder decoder = new LinkDecoder();
        DecodedPacket p = new DecodedPacket();
        decoder.decode(r, p);
        assertThat(p.wlanCipher).isEqualTo(WlanCipher.CCMP);
        assertThat(p.wlanSubframes).isEqualTo(3);
        java.util.List<Integer> msdus = new java.util.ArrayList<>();
        do {
            msdus.add(p.wlanMsduLength);
        } while (decoder.nextSubframe(r, p));
        assertThat(msdus).containsExactly(8 + 1500, 8 + 1500, 8 + 612);

        byte[] single = concat(hex("8842", "0000", MAC_STA, MAC_AP, MAC_HOST, "a001", "8000"),
                hex("0102002001000000"), zeros(14 + 8 + 1500 + 8));
        DecodedPacket one = decode(LinkType.IEEE802_11, single);
        assertThat(one.wlanSubframes).isEqualTo(1);
        assertThat(one.wlanMsduLength).isEqualTo(8 + 1500);
    }
}
