package org.iotevent.traffic;

import java.util.List;
import org.iotevent.decode.DecodedPacket;
import org.iotevent.decode.WlanCipher;

/**
 * Decides, packet by packet, whether a decoded packet is the device's, and if so its direction
 * and IP-layer length, returned together as one signed length: {@code +length} towards the device,
 * {@code -length} from it, 0 for a packet that is not the device's. Allocates nothing per packet
 * (except while reading a DNS answer on the WAN side). Not thread-safe: one view per stream.
 *
 * <p>A byte-for-byte repeat of one of the device's last few packets within
 * {@link #DUPLICATE_WINDOW_NANOS} is dropped: captures on a bridge often hold each frame twice.
 *
 * <p>Lengths are IP-layer lengths (IPv4 total length, IPv6 payload length + 40). For 802.11 frames:
 * frames with a bad FCS never count; only data frames that carry data count (no management, control or null-data frames), a frame
 * with the retry bit set and the same sequence number as the previous counted frame in its
 * direction is a retransmission and is dropped, and a protected frame's length is its body's wire
 * length (the decoder already excludes the FCS) minus LLC/SNAP (8 bytes) minus the cipher's header
 * and trailer (CCMP 8+8, TKIP 8+12, WEP 4+4); an unprotected frame that carries IP uses the IP
 * header's length.
 *
 * <p>A-MSDU (several packets in one QoS data frame): the decoder hands each subframe over as a
 * packet of its own (a retransmitted frame's subframes all dropped). Unprotected, a subframe's
 * length is its IP header's; protected, whose subframe boundaries the encryption hides, it is the
 * decoder's model ({@code DecodedPacket.wlanMsduLength}) less LLC/SNAP: full-size 1500-byte
 * packets and the rest, exact for one packet and for one message's full-size segments; small
 * packets aggregated together count as one of their summed length plus 22 bytes and padding each.
 */
public final class DeviceView {
    /**
     * A packet whose first {@value #DUPLICATE_BYTES} bytes from the IP header on equal those of one
     * of the device's last {@value #RECENT} packets, captured at most this long after it, is a
     * duplicate made by the capture (a bridge or mirror port copying the frame twice), not traffic.
     */
    public static final long DUPLICATE_WINDOW_NANOS = 2_000_000L;
    static final int DUPLICATE_BYTES = 48;
    private static final int RECENT = 4;
    /** LLC/SNAP header before the encapsulated IP packet in an 802.11 data frame. */
    public static final int LLC_SNAP_BYTES = 8;

    private final DeviceSelector selector;
    private final LengthLayer layer;
    /** True when lengths are IP-layer lengths. */
    private final boolean ipLayer;
    private final AddressSet cloud = new AddressSet();
    private final DnsAnswerParser dns;
    /** True when the selection names cloud endpoints, which a connection's packets must then go to. */
    private final boolean cloudGiven;
    private int lastSeqFrom = -1;
    /** The router's port of the followed connection ({@code wan:ROUTER:PORT}), -1 for none. */
    private int followPort;
    private long remoteHi;
    private long remoteLo;
    private int remotePort = -1;
    /** When the followed connection was closed (FIN or RST), or Long.MIN_VALUE. */
    private long closedAt = Long.MIN_VALUE;
    private long reconnections;
    /** Changes of the followed connection's fields, for {@link #learnt}. */
    private long followChanges;
    /** The frame whose retransmission verdict {@link #judgedRetransmission} is, for its further A-MSDU subframes. */
    private long judgedFrame = -1;
    /** The cipher of the device's last protected frame that was not {@code wlanCipherAmbiguous}. */
    private WlanCipher pairwiseCipher = WlanCipher.NONE;
    private boolean judgedRetransmission;
    private int lastSeqTo = -1;
    private long devicePackets;
    private long retransmissions;
    private long nonDataFrames;
    private long duplicates;
    private final long[] recentKeys = new long[RECENT];
    private final long[] recentTimes = new long[RECENT];
    private int recentNext;

    /** A view selecting {@code selector}'s packets, with IP-layer lengths. */
    public DeviceView(DeviceSelector selector) {
        this(selector, LengthLayer.IP);
    }

    /** A view selecting {@code selector}'s packets, with lengths measured at {@code layer}. */
    public DeviceView(DeviceSelector selector, LengthLayer layer) {
        this.selector = selector;
        this.layer = layer;
        this.ipLayer = layer == LengthLayer.IP;
        this.dns = selector.kind() == DeviceSelector.Kind.WAN ? new DnsAnswerParser(selector.cloudDomains()) : null;
        this.cloudGiven = !selector.cloud().isEmpty();
        this.followPort = selector.kind() == DeviceSelector.Kind.WAN ? selector.port() : -1;
        for (String a : selector.cloudAddresses()) {
            long[] key = Addresses.parseIp(a);
            cloud.add(key[0], key[1]);
        }
    }

    /** The selection this view applies. */
    public DeviceSelector selector() {
        return selector;
    }

    /**
     * Classifies one packet.
     *
     * @return the signed IP-layer length in bytes ({@code > 0} towards the device, {@code < 0} from
     *     it), or 0 when the packet is not the device's or does not count
     */
    public int signedLength(DecodedPacket p) {
        int direction = switch (selector.kind()) {
            case IP -> ipDirection(p);
            case MAC -> p.linkSrc == selector.mac() ? -1 : p.linkDst == selector.mac() ? 1 : 0;
            case WAN -> wanDirection(p);
        };
        return direction == 0 ? 0 : signedLength(p, direction);
    }

    /**
     * As {@link #signedLength(DecodedPacket)} for a packet whose addresses the caller found to be
     * those of the view's IP address (a pass that compares every view's address itself): the
     * length, 0 when the packet does not count.
     *
     * @param direction -1 when the packet's source is the view's IP address, else 1 (its destination)
     */
    public int signedLength(DecodedPacket p, int direction) {
        // kept under 60 bytecodes, so that a pass inlines it: 802.11 frames and transport lengths apart
        int length = p.wlan || !ipLayer || p.ipVersion == 0 ? length(p, direction) : p.ipLength;
        return length > 0 && counted(p) ? direction * length : 0;
    }

    /** Counts the device's packet, unless it repeats a recent one. */
    private boolean counted(DecodedPacket p) {
        if (p.ipOffset >= 0 && isDuplicate(p)) {
            return false;
        }
        devicePackets++;
        return true;
    }

    /** The packet's length at the view's layer, 0 or less when it does not count. */
    private int length(DecodedPacket p, int direction) {
        int length = p.wlan ? wlanLength(p, direction) : p.ipVersion != 0 ? p.ipLength : 0;
        if (layer == LengthLayer.TRANSPORT && length > 0) {
            length = p.transportOffset >= 0 ? length - (p.transportOffset - p.ipOffset)
                    : p.wlanProtected ? length - LengthLayer.IPV4_HEADER : 0;
        }
        return length;
    }

    private int ipDirection(DecodedPacket p) {
        int v = p.ipVersion;
        return v == 0 ? 0 : ipDirection(Addresses.keyHi(v, p.ipSrcHi), Addresses.keyLo(v, p.ipSrcLo),
                Addresses.keyHi(v, p.ipDstHi), Addresses.keyLo(v, p.ipDstLo), selector.ipHi(), selector.ipLo());
    }

    /**
     * A packet's direction for the device of address key ({@code hi}, {@code lo}), from the
     * packet's address keys: -1 from it, 1 to it, 0 neither.
     */
    static int ipDirection(long srcHi, long srcLo, long dstHi, long dstLo, long hi, long lo) {
        return srcLo == lo && srcHi == hi ? -1 : dstLo == lo && dstHi == hi ? 1 : 0;
    }

    private int wanDirection(DecodedPacket p) {
        if (p.ipVersion == 0) {
            return 0;
        }
        if (dns != null && p.ipProto == 17 && p.srcPort == 53 && p.payloadOffset >= 0 && p.payloadLength > 0) {
            dns.learn(p.record.data, p.record.dataOffset + p.payloadOffset, p.payloadLength, cloud);
        }
        long srcHi = Addresses.keyHi(p.ipVersion, p.ipSrcHi);
        long srcLo = Addresses.keyLo(p.ipVersion, p.ipSrcLo);
        long dstHi = Addresses.keyHi(p.ipVersion, p.ipDstHi);
        long dstLo = Addresses.keyLo(p.ipVersion, p.ipDstLo);
        if (followPort != -1 && p.ipProto == 6 && p.tcpFlags >= 0) {
            follow(p, srcHi, srcLo, dstHi, dstLo);
        }
        int port = followPort;
        if (isRouter(srcHi, srcLo) && (port == -1 || p.srcPort == port)) {
            if (dns != null && p.ipProto == 6 && p.payloadOffset >= 0 && !cloud.contains(dstHi, dstLo)) {
                learnFromServerName(p, dstHi, dstLo);
            }
            if (cloud.contains(dstHi, dstLo) || (port != -1 && !cloudGiven)) {
                return -1;
            }
        }
        if (isRouter(dstHi, dstLo) && (port == -1 || p.dstPort == port)
                && (cloud.contains(srcHi, srcLo) || (port != -1 && !cloudGiven))) {
            return 1;
        }
        return 0;
    }

    /**
     * Follows the selected connection ({@code wan:ROUTER:PORT}) when the device reconnects: after a
     * FIN or RST on the followed port, the router's next SYN to the same remote port and the same
     * remote address (or one of the cloud's, with {@code --cloud}), within
     * {@link DeviceCensus#RECONNECT_GAP_SECONDS}, is the device's new connection, and its port is
     * followed from then on. TCP only; a UDP flow on a new port is not followed.
     */
    private void follow(DecodedPacket p, long srcHi, long srcLo, long dstHi, long dstLo) {
        long t = p.record.timestampNanos;
        boolean fromRouter = isRouter(srcHi, srcLo);
        if (fromRouter && p.srcPort == followPort) {
            if (remotePort == -1) {
                remoteHi = dstHi;
                remoteLo = dstLo;
                remotePort = p.dstPort;
                followChanges++;
            }
            if ((p.tcpFlags & 0x05) != 0) {
                closedAt = t;
                followChanges++;
            }
        } else if (!fromRouter && isRouter(dstHi, dstLo) && p.dstPort == followPort && (p.tcpFlags & 0x05) != 0) {
            closedAt = t;
            followChanges++;
        } else if (fromRouter && closedAt != Long.MIN_VALUE && (p.tcpFlags & 0x12) == 0x02 && p.dstPort == remotePort
                && t - closedAt <= DeviceCensus.RECONNECT_GAP_SECONDS * 1_000_000_000L
                && ((dstHi == remoteHi && dstLo == remoteLo) || (cloudGiven && cloud.contains(dstHi, dstLo)))) {
            followPort = p.srcPort;
            remoteHi = dstHi;
            remoteLo = dstLo;
            closedAt = Long.MIN_VALUE;
            reconnections++;
            followChanges++;
        }
    }

    /** Reconnections of the selected connection followed so far. */
    public long reconnections() {
        return reconnections;
    }

    /** Learns the server's address from a ClientHello whose SNI is one of the cloud's names. */
    private void learnFromServerName(DecodedPacket p, long dstHi, long dstLo) {
        int at = p.record.dataOffset + p.payloadOffset;
        if (TlsClientHello.looksLikeHello(p.record.data, at, p.payloadLength)) {
            String name = TlsClientHello.serverName(p.record.data, at, p.payloadLength);
            if (name != null && dns.matches(name)) {
                cloud.add(dstHi, dstLo);
            }
        }
    }

    private boolean isRouter(long hi, long lo) {
        return !selector.hasIp() || (hi == selector.ipHi() && lo == selector.ipLo());
    }

    /** The frame's IP-layer length, or 0 when the frame does not count. */
    private int wlanLength(DecodedPacket p, int direction) {
        int typeSubtype = p.wlanTypeSubtype;
        if (p.wlanBadFcs) {
            return 0;
        }
        if (!isDataWithPayload(typeSubtype)) {
            nonDataFrames++;
            return 0;
        }
        if (p.wlanSubframe <= 0 || p.record.frameNumber != judgedFrame) {
            // a frame's first packet: the frame is judged once, its further A-MSDU subframes share the verdict
            int last = direction < 0 ? lastSeqFrom : lastSeqTo;
            judgedFrame = p.record.frameNumber;
            judgedRetransmission = p.wlanRetry && p.wlanSequence >= 0 && p.wlanSequence == last;
            if (!judgedRetransmission) {
                if (direction < 0) {
                    lastSeqFrom = p.wlanSequence;
                } else {
                    lastSeqTo = p.wlanSequence;
                }
            }
        }
        if (judgedRetransmission) {
            retransmissions++;
            return 0;
        }
        if (!p.wlanProtected) {
            return p.ipVersion != 0 ? p.ipLength : 0;
        }
        WlanCipher cipher = p.wlanCipher;
        if (!p.wlanCipherAmbiguous) {
            pairwiseCipher = cipher;
        } else if (pairwiseCipher == WlanCipher.CCMP) {
            cipher = WlanCipher.CCMP; // a CCMP frame that looks like TKIP by chance
        }
        int misread = p.wlanCipher.headerBytes + p.wlanCipher.trailerBytes - cipher.headerBytes - cipher.trailerBytes;
        long body = p.wlanMsduLength >= 0
                ? p.wlanMsduLength - LLC_SNAP_BYTES + (p.wlanSubframe == p.wlanSubframes - 1 ? misread : 0)
                : p.wlanBodyWireLength - LLC_SNAP_BYTES - cipher.headerBytes - cipher.trailerBytes;
        return body > 0 && body <= 0xFFFF + 40 ? (int) body : 0;
    }

    /**
     * True for 802.11 data frames that carry data: type 2, subtypes 0-3 (data, with CF-Ack/Poll)
     * and 8-11 (QoS data, with CF-Ack/Poll); not the null and CF-only subtypes (4-7, 12-15).
     */
    static boolean isDataWithPayload(int typeSubtype) {
        return typeSubtype >= 0x20 && typeSubtype <= 0x2F && (typeSubtype & 0x4) == 0;
    }

    /**
     * True (and counted) when the packet repeats a recent one byte for byte (IP header and the
     * start of its payload) within {@link #DUPLICATE_WINDOW_NANOS}; remembers it otherwise.
     */
    private boolean isDuplicate(DecodedPacket p) {
        java.nio.ByteBuffer data = p.record.data;
        int from = p.record.dataOffset + p.ipOffset;
        int n = Math.min(DUPLICATE_BYTES, p.record.capturedLength - p.ipOffset);
        // a whole window's duplicateKey written out: six products that do not wait for each other (the same
        // sum mod 2^64), here, so that a packet costs one call, not two
        long key = n == DUPLICATE_BYTES ? SEED_WHOLE + data.getLong(from) * HASH5 + data.getLong(from + 8) * HASH4
                + data.getLong(from + 16) * HASH3 + data.getLong(from + 24) * HASH2 + data.getLong(from + 32) * HASH
                + data.getLong(from + 40) : duplicateKey(data, from, n);
        long t = p.record.timestampNanos;
        for (int r = 0; r < RECENT; r++) {
            if (recentKeys[r] == key && Math.abs(t - recentTimes[r]) <= DUPLICATE_WINDOW_NANOS && recentTimes[r] != 0) {
                duplicates++;
                return true;
            }
        }
        recentKeys[recentNext] = key;
        recentTimes[recentNext] = t;
        recentNext = (recentNext + 1) % RECENT;
        return false;
    }

    /** Multiplier of {@link #duplicateKey}'s polynomial hash. */
    private static final long HASH = 0x9E3779B97F4A7C15L;
    private static final long HASH2 = HASH * HASH;
    private static final long HASH3 = HASH2 * HASH;
    private static final long HASH4 = HASH3 * HASH;
    private static final long HASH5 = HASH4 * HASH;
    /** {@link #DUPLICATE_BYTES} times {@code HASH^6}: the seed's share in the hash of a whole window. */
    private static final long SEED_WHOLE = DUPLICATE_BYTES * HASH5 * HASH;

    /**
     * The key of {@code n} bytes at {@code from}: starting from {@code n}, each 8-byte word (in
     * network order) is added after multiplying by {@link #HASH}, then each byte left after
     * multiplying by 31.
     */
    static long duplicateKey(java.nio.ByteBuffer data, int from, int n) {
        long key = n;
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            key = key * HASH + data.getLong(from + i);
        }
        for (; i < n; i++) {
            key = key * 31 + data.get(from + i);
        }
        return key;
    }

    /** Duplicated packets of the device dropped so far (see {@link #DUPLICATE_WINDOW_NANOS}). */
    public long duplicates() {
        return duplicates;
    }

    /** Packets counted as the device's so far. */
    public long devicePackets() {
        return devicePackets;
    }

    /** 802.11 retransmissions of the device's frames dropped so far. */
    public long retransmissions() {
        return retransmissions;
    }

    /** The device's 802.11 management, control and null-data frames dropped so far. */
    public long nonDataFrames() {
        return nonDataFrames;
    }

    /** Number of cloud addresses known: it grows when a DNS answer or a server name teaches one. */
    public int cloudCount() {
        return cloud.size();
    }

    /**
     * A number that changes whenever the view learns from the traffic (a cloud address from a DNS
     * answer or a server name, the followed connection's peer, its closing, its new port): a stream
     * processor checkpoints {@link #learntState} when it changes.
     */
    public long learnt() {
        return cloud.size() + followChanges;
    }

    /**
     * What the view has learnt from the traffic, for a view of the same selection to {@link #takeUp}
     * (a restart from a checkpoint selects as the view it replaces): the followed connection (port,
     * peer, when it closed) and the cloud addresses known ({@link AddressSet#keys} pairs).
     */
    public long[] learntState() {
        long[] keys = cloud.keys();
        long[] state = new long[5 + keys.length];
        state[0] = followPort;
        state[1] = remoteHi;
        state[2] = remoteLo;
        state[3] = remotePort;
        state[4] = closedAt;
        System.arraycopy(keys, 0, state, 5, keys.length);
        return state;
    }

    /** Takes up what {@link #learntState} gave (of a view with the same selection). */
    public void takeUp(long[] state) {
        followPort = (int) state[0];
        remoteHi = state[1];
        remoteLo = state[2];
        remotePort = (int) state[3];
        closedAt = state[4];
        cloud.addAll(java.util.Arrays.copyOfRange(state, 5, state.length));
    }

    /**
     * The view's memory of the device's last packets, which changes with nearly every packet: the
     * recent packets a duplicate repeats, the 802.11 sequence numbers a retransmission repeats, the
     * verdict on the frame whose A-MSDU subframes are being read, the cipher of its protected
     * frames. For a stream processor to checkpoint when it checkpoints (not per packet), so that a
     * view restarted from it with {@link #takeUpRecent} drops the copy of a packet read before the
     * checkpoint as this view would.
     */
    public long[] recentState() {
        long[] state = new long[2 * RECENT + 6];
        System.arraycopy(recentKeys, 0, state, 0, RECENT);
        System.arraycopy(recentTimes, 0, state, RECENT, RECENT);
        state[2 * RECENT] = recentNext;
        state[2 * RECENT + 1] = lastSeqFrom;
        state[2 * RECENT + 2] = lastSeqTo;
        state[2 * RECENT + 3] = judgedFrame;
        state[2 * RECENT + 4] = judgedRetransmission ? 1 : 0;
        state[2 * RECENT + 5] = pairwiseCipher.ordinal();
        return state;
    }

    /** Takes up what {@link #recentState} gave (of a view with the same selection). */
    public void takeUpRecent(long[] state) {
        if (state.length != 2 * RECENT + 6) {
            throw new IllegalArgumentException("a view's recent state has " + (2 * RECENT + 6) + " numbers, found "
                    + state.length);
        }
        System.arraycopy(state, 0, recentKeys, 0, RECENT);
        System.arraycopy(state, RECENT, recentTimes, 0, RECENT);
        recentNext = (int) state[2 * RECENT];
        lastSeqFrom = (int) state[2 * RECENT + 1];
        lastSeqTo = (int) state[2 * RECENT + 2];
        judgedFrame = state[2 * RECENT + 3];
        judgedRetransmission = state[2 * RECENT + 4] != 0;
        pairwiseCipher = WlanCipher.values()[(int) state[2 * RECENT + 5]];
    }

    /** Cloud addresses known (given plus learnt from DNS), formatted. */
    public List<String> cloudAddresses() {
        return cloud.formatted();
    }
}
