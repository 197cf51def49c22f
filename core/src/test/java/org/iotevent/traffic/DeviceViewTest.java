package org.iotevent.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import org.iotevent.capture.CaptureRecord;
import org.iotevent.decode.DecodedPacket;
import org.iotevent.decode.WlanCipher;
import org.junit.jupiter.api.Test;

class DeviceViewTest {
    static final long PLUG = 0xC0A8019FL; // 192.168.1.159
    static final long PHONE = 0xC0A801A0L; // 192.168.1.160
    static final long CLOUD = 0x34010203L; // 52.1.2.3
    static final long ROUTER = 0xCB007105L; // 203.0.113.5

    static DecodedPacket ipv4(long src, long dst, int ipLength) {
        DecodedPacket p = new DecodedPacket();
        p.reset(new CaptureRecord());
        p.ipVersion = 4;
        p.ipSrcLo = src;
        p.ipDstLo = dst;
        p.ipLength = ipLength;
        p.ipProto = 6;
        return p;
    }

    @Test
    void byIpGivesDirectionAndIpLength() {
        DeviceView view = new DeviceView(DeviceSelector.parse("192.168.1.159", List.of()));
        assertThat(view.signedLength(ipv4(PLUG, PHONE, 235))).isEqualTo(-235);
        assertThat(view.signedLength(ipv4(PHONE, PLUG, 171))).isEqualTo(171);
        assertThat(view.signedLength(ipv4(PHONE, CLOUD, 171))).isZero();
        assertThat(view.devicePackets()).isEqualTo(2);
    }

    @Test
    void ipv6AddressesMatchByIp() {
        DeviceView view = new DeviceView(DeviceSelector.parse("2001:db8::1", List.of()));
        DecodedPacket p = ipv4(0, 0, 80);
        p.ipVersion = 6;
        p.ipSrcHi = 0x20010DB800000000L;
        p.ipSrcLo = 1;
        p.ipDstHi = 0x20010DB800000000L;
        p.ipDstLo = 2;
        assertThat(view.signedLength(p)).isEqualTo(-80);
        DecodedPacket v4 = ipv4(1, 2, 80);
        assertThat(view.signedLength(v4)).isZero();
    }

    @Test
    void byMacOnEthernetNeedsAnIpLayer() {
        DeviceView view = new DeviceView(DeviceSelector.parse("50:c7:bf:33:1f:09", List.of()));
        DecodedPacket p = ipv4(PLUG, CLOUD, 100);
        p.linkSrc = 0x50C7BF331F09L;
        p.linkDst = 0x112233445566L;
        assertThat(view.signedLength(p)).isEqualTo(-100);
        DecodedPacket arp = ipv4(0, 0, -1);
        arp.ipVersion = 0;
        arp.linkDst = 0x50C7BF331F09L;
        assertThat(view.signedLength(arp)).isZero();
    }

    static DecodedPacket wlanData(boolean toDevice, int typeSubtype, int sequence, boolean retry, long bodyWire) {
        DecodedPacket p = new DecodedPacket();
        p.reset(new CaptureRecord());
        p.wlan = true;
        p.wlanTypeSubtype = typeSubtype;
        p.wlanSequence = sequence;
        p.wlanRetry = retry;
        p.wlanProtected = true;
        p.wlanCipher = WlanCipher.CCMP;
        p.wlanBodyWireLength = bodyWire;
        p.linkSrc = toDevice ? 0xAAAAAAAAAAAAL : 0x50C7BF331F09L;
        p.linkDst = toDevice ? 0x50C7BF331F09L : 0xAAAAAAAAAAAAL;
        return p;
    }

    @Test
    void protectedWlanLengthDropsLlcSnapAndCipherBytes() {
        DeviceView view = new DeviceView(DeviceSelector.parse("50:c7:bf:33:1f:09", List.of()));
        // QoS data, CCMP: body = 8 (CCMP header) + 8 (LLC/SNAP) + 100 (IP) + 8 (MIC)
        assertThat(view.signedLength(wlanData(true, 0x28, 10, false, 124))).isEqualTo(100);
        DecodedPacket tkip = wlanData(false, 0x20, 11, false, 8 + 8 + 60 + 12);
        tkip.wlanCipher = WlanCipher.TKIP;
        assertThat(view.signedLength(tkip)).isEqualTo(-60);
    }

    @Test
    void wlanDropsNullDataManagementAndRetransmissions() {
        DeviceView view = new DeviceView(DeviceSelector.parse("50:c7:bf:33:1f:09", List.of()));
        assertThat(view.signedLength(wlanData(true, 0x24, 1, false, 0))).isZero(); // null data
        assertThat(view.signedLength(wlanData(true, 0x2C, 2, false, 0))).isZero(); // QoS null
        assertThat(view.signedLength(wlanData(true, 0x08, 3, false, 124))).isZero(); // beacon
        assertThat(view.signedLength(wlanData(true, 0x28, 7, false, 124))).isEqualTo(100);
        assertThat(view.signedLength(wlanData(true, 0x28, 7, true, 124))).as("retransmission").isZero();
        assertThat(view.signedLength(wlanData(true, 0x28, 8, true, 124))).as("retry of a frame never seen").isEqualTo(100);
        assertThat(view.signedLength(wlanData(false, 0x28, 8, true, 124))).as("other direction").isEqualTo(-100);
        assertThat(view.retransmissions()).isEqualTo(1);
        assertThat(view.nonDataFrames()).isEqualTo(3);
    }

    /**
     * At the transport layer a protected frame's IP version is not visible (LLC/SNAP is encrypted
     * with the packet): IPv4 without options is taken, exact for IPv4 and 20 bytes long for every
     * IPv6 packet (the residual error docs/devices.md states); unprotected, the LLC/SNAP EtherType
     * and the IP header give it exactly.
     */
    @Test
    void transportLengthOnProtectedFramesTakesIpv4AndIsTwentyBytesLongForIpv6() {
        DeviceView view = new DeviceView(DeviceSelector.parse("50:c7:bf:33:1f:09", List.of()), LengthLayer.TRANSPORT);
        assertThat(view.signedLength(wlanData(true, 0x28, 1, false, 8 + 8 + 100 + 8))).as("IPv4, 80-byte segment")
                .isEqualTo(80);
        assertThat(view.signedLength(wlanData(true, 0x28, 2, false, 8 + 8 + 120 + 8))).as("IPv6, 80-byte segment")
                .isEqualTo(100);
        DecodedPacket open = wlanData(true, 0x28, 3, false, 8 + 120);
        open.wlanProtected = false;
        open.wlanCipher = WlanCipher.NONE;
        open.ipVersion = 6;
        open.ipOffset = 8;
        open.ipLength = 120;
        open.transportOffset = 48;
        assertThat(view.signedLength(open)).as("unprotected IPv6, 80-byte segment").isEqualTo(80);
    }

    /** A protected A-MSDU's subframes have the decoder's modelled MSDU lengths: each less LLC/SNAP is a packet. */
    @Test
    void protectedAMsduSubframesTakeTheModelledMsduLengths() {
        DeviceView view = new DeviceView(DeviceSelector.parse("50:c7:bf:33:1f:09", List.of()));
        DecodedPacket p = wlanData(true, 0x28, 4, false, 8 + 1524 + 654 + 8);
        p.wlanAmsdu = true;
        p.wlanSubframes = 2;
        p.wlanSubframe = 0;
        p.wlanMsduLength = 1508;
        assertThat(view.signedLength(p)).isEqualTo(1500);
        p.wlanSubframe = 1;
        p.wlanMsduLength = 640;
        assertThat(view.signedLength(p)).isEqualTo(632);
    }

    @Test
    void unprotectedWlanCarryingIpUsesTheIpLength() {
        DeviceView view = new DeviceView(DeviceSelector.parse("50:c7:bf:33:1f:09", List.of()));
        DecodedPacket p = wlanData(true, 0x20, 1, false, 8 + 300);
        p.wlanProtected = false;
        p.wlanCipher = WlanCipher.NONE;
        p.ipVersion = 4;
        p.ipLength = 300;
        assertThat(view.signedLength(p)).isEqualTo(300);
        p.ipVersion = 0;
        assertThat(view.signedLength(p)).as("EAPOL or other non-IP payload").isZero();
    }

    @Test
    void wanSideLearnsCloudAddressesFromDnsAndUsesTheRouterAddress() {
        DeviceView view = new DeviceView(DeviceSelector.parse("wan:203.0.113.5", List.of("tplinkcloud.com")));
        assertThat(view.signedLength(ipv4(ROUTER, CLOUD, 500))).as("before the DNS answer").isZero();
        byte[] dns = DnsAnswerParserTest.response();
        CaptureRecord record = new CaptureRecord();
        record.data = ByteBuffer.wrap(dns);
        DecodedPacket answer = ipv4(0x08080808L, ROUTER, 28 + dns.length);
        answer.record = record;
        answer.ipProto = 17;
        answer.srcPort = 53;
        answer.payloadOffset = 0;
        answer.payloadLength = dns.length;
        assertThat(view.signedLength(answer)).isZero();
        assertThat(view.cloudAddresses()).containsExactly("52.1.2.3");
        assertThat(view.signedLength(ipv4(ROUTER, CLOUD, 500))).isEqualTo(-500);
        assertThat(view.signedLength(ipv4(CLOUD, ROUTER, 90))).isEqualTo(90);
        assertThat(view.signedLength(ipv4(0x0A000001L, CLOUD, 90))).as("not the router").isZero();
    }

    @Test
    void wanCloudAddressesGivenDirectlyWork() {
        DeviceView view = new DeviceView(DeviceSelector.parse("wan", List.of("52.1.2.3")));
        assertThat(view.signedLength(ipv4(ROUTER, CLOUD, 500))).isEqualTo(-500);
    }

    static DecodedPacket withBytes(long src, long dst, int ipLength, long timeNanos, byte[] ipBytes) {
        DecodedPacket p = ipv4(src, dst, ipLength);
        CaptureRecord r = new CaptureRecord();
        r.data = ByteBuffer.wrap(ipBytes);
        r.capturedLength = ipBytes.length;
        r.timestampNanos = timeNanos;
        p.record = r;
        p.ipOffset = 0;
        return p;
    }

    @Test
    void aByteForByteRepeatWithinTwoMillisecondsIsACaptureDuplicate() {
        DeviceView view = new DeviceView(DeviceSelector.parse("192.168.1.159", List.of()));
        byte[] a = new byte[60];
        a[5] = 1;
        byte[] b = a.clone();
        b[5] = 2;
        assertThat(view.signedLength(withBytes(PHONE, PLUG, 60, 1_000_000_000L, a))).isEqualTo(60);
        assertThat(view.signedLength(withBytes(PHONE, PLUG, 60, 1_000_080_000L, a))).as("80 us later").isZero();
        assertThat(view.signedLength(withBytes(PHONE, PLUG, 60, 1_000_090_000L, b))).as("other bytes").isEqualTo(60);
        assertThat(view.signedLength(withBytes(PHONE, PLUG, 60, 1_005_000_000L, a))).as("5 ms later: a resend").isEqualTo(60);
        assertThat(view.duplicates()).isEqualTo(1);
    }

    /**
     * A view that takes up another's {@link DeviceView#recentState} (a stream processor restarted
     * from a checkpoint) drops what that view would: the copy of its last packet and the
     * retransmission of its last frame; a fresh view counts both.
     */
    @Test
    void aViewTakingUpTheRecentStateDropsWhatTheOtherWould() {
        DeviceView ip = new DeviceView(DeviceSelector.parse("192.168.1.159", List.of()));
        byte[] a = new byte[60];
        a[5] = 1;
        assertThat(ip.signedLength(withBytes(PHONE, PLUG, 60, 1_000_000_000L, a))).isEqualTo(60);
        DeviceView restarted = new DeviceView(ip.selector());
        restarted.takeUpRecent(ip.recentState());
        assertThat(restarted.signedLength(withBytes(PHONE, PLUG, 60, 1_000_080_000L, a))).as("the copy").isZero();
        assertThat(new DeviceView(ip.selector()).signedLength(withBytes(PHONE, PLUG, 60, 1_000_080_000L, a)))
                .as("a fresh view").isEqualTo(60);

        DeviceView wlan = new DeviceView(DeviceSelector.parse("50:c7:bf:33:1f:09", List.of()));
        assertThat(wlan.signedLength(wlanData(true, 0x28, 7, false, 124))).isEqualTo(100);
        DeviceView restartedWlan = new DeviceView(wlan.selector());
        restartedWlan.takeUpRecent(wlan.recentState());
        assertThat(restartedWlan.recentState()).isEqualTo(wlan.recentState());
        assertThat(restartedWlan.signedLength(wlanData(true, 0x28, 7, true, 124))).as("the retransmission").isZero();
        assertThat(new DeviceView(wlan.selector()).signedLength(wlanData(true, 0x28, 7, true, 124))).as("a fresh view")
                .isEqualTo(100);
    }

    /**
     * The duplicate key of a whole window, written out as a sum, is the word-by-word polynomial
     * ({@link DeviceView#duplicateKey}, the key a checkpoint holds), on random bytes at any offset
     * of heap and direct buffers.
     */
    @Test
    void theDuplicateKeyOfAWholeWindowIsTheWordByWordPolynomial() {
        java.util.Random random = new java.util.Random(17);
        for (int round = 0; round < 2_000; round++) {
            byte[] bytes = new byte[100];
            random.nextBytes(bytes);
            ByteBuffer data = round % 2 == 0 ? ByteBuffer.wrap(bytes) : ByteBuffer.allocateDirect(100).put(bytes).clear();
            int ipOffset = random.nextInt(30);
            DecodedPacket p = ipv4(PHONE, PLUG, 60);
            p.record.data = data;
            p.record.dataOffset = random.nextInt(10);
            p.record.capturedLength = ipOffset + DeviceView.DUPLICATE_BYTES + random.nextInt(100 - 40 - ipOffset - 9);
            p.record.timestampNanos = 1_000_000_000L;
            p.ipOffset = ipOffset;
            DeviceView view = new DeviceView(DeviceSelector.parse("192.168.1.159", List.of()));
            assertThat(view.signedLength(p)).isEqualTo(60);
            long key = DeviceView.duplicateKey(data, p.record.dataOffset + ipOffset, DeviceView.DUPLICATE_BYTES);
            assertThat(view.recentState()[0]).as("round %d", round).isEqualTo(key);
        }
    }
}
