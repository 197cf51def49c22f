package org.iotevent.decode;

import org.iotevent.capture.CaptureRecord;

/**
 * The decoded view of one packet, reused from packet to packet: the decoder overwrites every
 * field on each call, so nothing is allocated per packet. Absent values are -1 (numbers and
 * MAC addresses) or 0 ({@link #ipVersion}). Offsets are relative to the packet's first captured
 * byte ({@code record.dataOffset}).
 */
public final class DecodedPacket {
    /** The record this view was decoded from (frame number, time, lengths, bytes). */
    public CaptureRecord record;
    /** OK, or where the decoder stopped and why. */
    public Status status = Status.OK;
    /** The layer that stopped decoding; null when {@link #status} is OK. */
    public Layer stoppedLayer;

    // ---- link layer
    /** Ethernet/SLL source, or 802.11 SA; 48-bit MAC in the low bits, -1 when absent. */
    public long linkSrc = -1;
    /** Ethernet/SLL destination, or 802.11 DA; -1 when absent. */
    public long linkDst = -1;
    /** EtherType (after VLAN tags) or SLL protocol; -1 when absent. */
    public int etherType = -1;
    /** Number of 802.1Q/802.1ad tags walked. */
    public int vlanTags;
    /** Outermost VLAN id, -1 when untagged. */
    public int vlanId = -1;

    // ---- IEEE 802.11
    /** True when the packet carries an 802.11 frame (link types 105, 119, 127, 192). */
    public boolean wlan;
    /** tshark's wlan.fc.type_subtype (type * 16 + subtype, e.g. 0x28 QoS data), -1 when not 802.11. */
    public int wlanTypeSubtype = -1;
    /** The To/From-DS bits, 0..3. */
    public int wlanDs;
    public boolean wlanProtected;
    public boolean wlanRetry;
    /** 12-bit sequence number, -1 for frames without a sequence control field. */
    public int wlanSequence = -1;
    public boolean wlanQos;
    /** True when the frame ends with a 4-byte FCS (radiotap flags, PPI, Prism, or the link type). */
    public boolean wlanFcsPresent;
    /** True when the radio header (radiotap flags, PPI 802.11-Common) marks the FCS as bad. */
    public boolean wlanBadFcs;
    public long wlanTa = -1;
    public long wlanRa = -1;
    public long wlanBssid = -1;
    /** Offset of the 802.11 MAC header. */
    public int wlanHeaderOffset = -1;
    /** Length of the 802.11 MAC header (24, 26 with QoS, 30/32 with four addresses, +4 with HT control). */
    public int wlanHeaderLength;
    /** Length on the wire of the frame body: from the end of the MAC header to before the FCS. */
    public long wlanBodyWireLength = -1;
    /** Cipher of a protected frame; NONE otherwise. */
    public WlanCipher wlanCipher = WlanCipher.NONE;
    /**
     * True when {@link #wlanCipher} is TKIP by tshark's test (the second byte the WEP seed of the
     * first) but the third byte is 0, as CCMP's reserved byte is: a CCMP frame whose packet
     * number's second byte happens to be its first's seed (one in 256) reads the same. The frames
     * around it tell (DeviceView).
     */
    public boolean wlanCipherAmbiguous;
    /** True for a QoS data frame whose body is an A-MSDU (the A-MSDU-present bit of its QoS control field). */
    public boolean wlanAmsdu;
    /**
     * Subframes of an A-MSDU (each DA, SA, length, MSDU, padding to 4 bytes): those found in an
     * unprotected one; in a protected one, whose boundaries the encryption hides, those of the
     * length model of {@link #wlanMsduLength}; 0 for other frames.
     */
    public int wlanSubframes;
    /**
     * The MSDU length (LLC/SNAP and packet) of the A-MSDU subframe this view holds, -1 for other
     * frames. Unprotected: its subframe header's. Protected: a model, since only the total shows:
     * the plaintext (body less the cipher) is cut into full-size subframes, each a
     * {@value #FULL_SIZE_PACKET}-byte IP packet (14 + 8 + 1500 + 2 padding), and a last one of the
     * rest. Exact for a single packet and for the full-size segments of one message (what an access
     * point finds queued back to back); several small packets come out as one of their summed
     * length plus 22 bytes and the padding for each further one.
     */
    public int wlanMsduLength = -1;
    /** The IP packet of a full-size subframe in the protected A-MSDU model: the Ethernet MTU. */
    public static final int FULL_SIZE_PACKET = 1500;
    /**
     * Which of those subframes this view holds (its DA/SA as {@link #linkDst}/{@link #linkSrc},
     * its LLC/IP/transport in the fields below), 0-based; -1 when the frame is no unprotected
     * A-MSDU. {@link PacketDecoder#nextSubframe} moves to the next.
     */
    public int wlanSubframe = -1;

    // ---- network layer
    /** 4, 6, or 0 when there is no IP layer. */
    public int ipVersion;
    /** Offset of the IP header. */
    public int ipOffset = -1;
    /** IPv6 source address, high 64 bits; 0 for IPv4. */
    public long ipSrcHi;
    /** IPv6 source address, low 64 bits; for IPv4 the address in the low 32 bits. */
    public long ipSrcLo;
    public long ipDstHi;
    public long ipDstLo;
    /** Final upper-layer protocol (after IPv6 extension headers), -1 when unknown. */
    public int ipProto = -1;
    /** IP-layer length: IPv4 total length, or IPv6 payload length + 40; -1 when absent. */
    public int ipLength = -1;
    /** True for any fragment (offset > 0 or more-fragments set). */
    public boolean ipFragment;
    /** Fragment offset in bytes (0 for a first fragment or an unfragmented packet). */
    public int ipFragmentOffset;

    // ---- transport layer (first fragments only)
    public int srcPort = -1;
    public int dstPort = -1;
    /** Offset of the TCP or UDP header (first fragments only), -1 when absent. */
    public int transportOffset = -1;
    /** TCP flags (FIN 0x01, SYN 0x02, RST 0x04, PSH 0x08, ACK 0x10), -1 when absent. */
    public int tcpFlags = -1;
    /** Offset of the transport payload, -1 when absent. */
    public int payloadOffset = -1;
    /** Captured bytes of the transport payload available from {@link #payloadOffset}. */
    public int payloadLength;

    /**
     * Whether an 802.11 decoder ran since the 802.11 fields were last cleared: only then does
     * {@link #reset} clear them again (on Ethernet they keep their first values: half the stores a
     * packet). Set by the decoder before it writes any of them.
     */
    boolean wlanLayer;

    /** Clears every decoded field before the next packet. */
    public void reset(CaptureRecord from) {
        record = from;
        status = Status.OK;
        stoppedLayer = null;
        linkSrc = -1;
        linkDst = -1;
        etherType = -1;
        vlanTags = 0;
        vlanId = -1;
        if (wlanLayer) {
            resetWlan();
        }
        ipVersion = 0;
        ipOffset = -1;
        ipSrcHi = 0;
        ipSrcLo = 0;
        ipDstHi = 0;
        ipDstLo = 0;
        ipProto = -1;
        ipLength = -1;
        ipFragment = false;
        ipFragmentOffset = 0;
        srcPort = -1;
        dstPort = -1;
        tcpFlags = -1;
        transportOffset = -1;
        payloadOffset = -1;
        payloadLength = 0;
    }

    /** The 802.11 fields to their values before any packet (only after an 802.11 decoder set them). */
    private void resetWlan() {
        wlanLayer = false;
        wlan = false;
        wlanTypeSubtype = -1;
        wlanDs = 0;
        wlanProtected = false;
        wlanRetry = false;
        wlanSequence = -1;
        wlanQos = false;
        wlanFcsPresent = false;
        wlanBadFcs = false;
        wlanTa = -1;
        wlanRa = -1;
        wlanBssid = -1;
        wlanHeaderOffset = -1;
        wlanHeaderLength = 0;
        wlanBodyWireLength = -1;
        wlanCipher = WlanCipher.NONE;
        wlanCipherAmbiguous = false;
        wlanAmsdu = false;
        wlanSubframes = 0;
        wlanSubframe = -1;
        wlanMsduLength = -1;
    }

    /** Marks the packet as stopped at {@code layer}; the first stop wins. */
    public void stop(Status why, Layer layer) {
        if (status == Status.OK) {
            status = why;
            stoppedLayer = layer;
        }
    }

    /** {@code ok}, {@code truncated:<layer>} or {@code malformed:<layer>}. */
    public String statusLabel() {
        return switch (status) {
            case OK -> "ok";
            case TRUNCATED -> "truncated:" + stoppedLayer.label();
            case MALFORMED -> "malformed:" + stoppedLayer.label();
        };
    }
}
