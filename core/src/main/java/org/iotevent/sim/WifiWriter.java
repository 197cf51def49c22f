package org.iotevent.sim;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.zip.CRC32;

/**
 * A WiFi sniffer in monitor mode on the home's channel: radiotap + IEEE 802.11 frames. Each
 * packet is a CCMP-protected QoS data frame (its body encrypted, so random bytes here), retried
 * now and then (retry bit, same sequence number and packet number), then acknowledged; the
 * access point beacons every 102.4 ms. Frame sizes are exact: the IP length is the frame body
 * minus 8 LLC/SNAP, 8 CCMP header and 8 MIC bytes. For {@link Vantage#WIFI_AMSDU} and
 * {@link Vantage#WIFI_OPEN_AMSDU} the access point aggregates: the downlink packets for one station
 * that reach it within {@link #AMSDU_WINDOW_NANOS} of the first go in one A-MSDU (up to
 * {@link #MAX_AMSDU} bytes), sent after the last of them; a lone packet goes in a plain frame, as
 * Linux's mac80211 does. Stations do not aggregate.
 */
final class WifiWriter extends VantageWriter {
    /** Radiotap header: flags, rate, channel, antenna signal, antenna. */
    static final int RADIOTAP = 16;
    /** QoS data header: frame control, duration, three addresses, sequence control, QoS control. */
    static final int QOS_HEADER = 26;
    static final int CCMP_HEADER = 8;
    static final int LLC_SNAP = 8;
    static final int MIC = 8;
    static final int FCS = 4;
    /** DA, SA and length before each MSDU of an A-MSDU. */
    static final int AMSDU_SUBFRAME_HEADER = 14;
    /** The access point aggregates the downlink packets for one station that reach it within this time of the first. */
    static final long AMSDU_WINDOW_NANOS = 1_000_000L;
    /** The largest A-MSDU every HT station accepts. */
    static final int MAX_AMSDU = 3_839;
    /** LLC/SNAP (RFC 1042) header of an IPv4 packet. */
    private static final byte[] SNAP_IPV4 = {(byte) 0xaa, (byte) 0xaa, 0x03, 0, 0, 0, 0x08, 0x00};
    private static final long BEACON_INTERVAL_NANOS = 102_400_000L;
    private static final byte[] SSID = "iotevent-home".getBytes(StandardCharsets.US_ASCII);

    /** Beacon elements after the SSID: supported rates, DS parameter set (channel 6), TIM, RSN (CCMP, PSK). */
    private static final byte[] BEACON_TAIL = {
        1, 8, (byte) 0x82, (byte) 0x84, (byte) 0x8b, (byte) 0x96, 0x0c, 0x12, 0x18, 0x24,
        3, 1, 6,
        5, 4, 0, 1, 0, 0,
        0x30, 20, 1, 0, 0, 0x0f, (byte) 0xac, 4, 1, 0, 0, 0x0f, (byte) 0xac, 4, 1, 0, 0, 0x0f, (byte) 0xac, 2, 0, 0
    };

    /** Told of every frame that carries a packet of an event. */
    interface FrameListener {
        /**
         * Called from the WiFi writer's thread, which alone writes the WiFi part of the packet's entry.
         *
         * @param packet the simulated packet the frame carries
         * @param frameNumber 1-based frame number in the capture
         * @param retry true for an 802.11 retry of a frame already listed
         */
        void wifiFrame(Packet packet, long frameNumber, boolean retry);
    }

    private final FrameListener listener;
    private final SplittableRandom rng;
    private final Payloads payloads;
    private final CRC32 crc = new CRC32();
    private final long startNanos;
    private final int[] stationSequence;
    private final long[] stationPn;
    private final int[] apSequence;
    private final long[] apPn;
    private int beaconSequence;
    private long nextBeacon;
    /** Aggregate downlink packets in A-MSDUs ({@link Vantage#WIFI_AMSDU}, {@link Vantage#WIFI_OPEN_AMSDU}). */
    private final boolean aggregate;
    /** CCMP-protected frames; false on the open network. */
    private final boolean protect;
    /** Per station, the downlink packets waiting for their A-MSDU. */
    private final Pending[] pending;
    /** Stations with packets pending. */
    private int waiting;
    private final Packet[] single = new Packet[1];

    /** The downlink packets an access point has queued for one station. */
    private static final class Pending {
        final Packet[] packets = new Packet[64];
        int count;
        int bytes;
        DeviceAgent agent;

        void add(Packet p) {
            packets[count++] = p;
            bytes += subframeBytes(p);
        }
    }

    WifiWriter(Vantage vantage, OutputStream out, FrameListener listener, long seed, Payloads payloads, int devices,
            long startNanos) throws IOException {
        super(vantage, out);
        this.aggregate = vantage != Vantage.WIFI;
        this.protect = vantage != Vantage.WIFI_OPEN_AMSDU;
        this.pending = new Pending[devices];
        for (int i = 0; i < devices; i++) {
            pending[i] = new Pending();
        }
        this.listener = listener;
        this.rng = new SplittableRandom(seed ^ 0x77F1L);
        this.payloads = payloads;
        this.startNanos = startNanos;
        this.stationSequence = new int[devices];
        this.stationPn = new long[devices];
        this.apSequence = new int[devices];
        this.apPn = new long[devices];
        for (int i = 0; i < devices; i++) {
            stationSequence[i] = rng.nextInt(4096);
            apSequence[i] = rng.nextInt(4096);
            stationPn[i] = 1 + rng.nextInt(1 << 20);
            apPn[i] = 1 + rng.nextInt(1 << 20);
        }
        this.nextBeacon = startNanos + rng.nextLong(BEACON_INTERVAL_NANOS);
    }

    @Override
    void write(Packet p, DeviceAgent agent) throws IOException {
        if (aggregate) {
            sendDue(p.timeNanos);
            if (!p.fromDevice) {
                Pending q = pending[agent.index];
                if (q.count > 0 && p.timeNanos - q.packets[0].timeNanos <= AMSDU_WINDOW_NANOS
                        && q.bytes + subframeBytes(p) <= MAX_AMSDU && q.count < q.packets.length) {
                    q.add(p);
                    return;
                }
                send(q);
                q.agent = agent;
                q.add(p);
                waiting++;
                return;
            }
        }
        single[0] = p;
        send(single, 1, agent);
    }

    /** Sends the pending A-MSDUs whose window has closed by {@code now}. */
    private void sendDue(long now) throws IOException {
        for (int d = 0; waiting > 0 && d < pending.length; d++) {
            Pending q = pending[d];
            if (q.count > 0 && now - q.packets[0].timeNanos > AMSDU_WINDOW_NANOS) {
                send(q);
            }
        }
    }

    private void send(Pending q) throws IOException {
        if (q.count > 0) {
            send(q.packets, q.count, q.agent);
            q.count = 0;
            q.bytes = 0;
            waiting--;
        }
    }

    /**
     * Sends {@code packets[0, n)} of one direction of {@code agent}'s device in one data frame (an
     * A-MSDU when there are several), retried now and then, then acknowledged.
     */
    private void send(Packet[] packets, int n, DeviceAgent agent) throws IOException {
        Packet p = packets[0];
        int d = agent.index;
        long air = p.fromDevice ? p.timeNanos - 200_000 : packets[n - 1].timeNanos + 200_000;
        beaconsUntil(air);
        int sequence;
        long pn;
        if (p.fromDevice) {
            sequence = stationSequence[d];
            stationSequence[d] = (sequence + 1) & 0xfff;
            pn = stationPn[d]++;
        } else {
            sequence = apSequence[d];
            apSequence[d] = (sequence + 1) & 0xfff;
            pn = apPn[d]++;
        }
        int signal = -38 - (d * 7 % 35);
        int length = dataFrame(packets, n, agent, sequence, pn, signal);
        long frame = emit(air, length);
        for (int i = 0; i < n; i++) {
            if (packets[i].event >= 0) {
                listener.wifiFrame(packets[i], frame, false);
            }
        }
        long airtime = 20_000 + 148L * length;
        long t = air + airtime;
        if (rng.nextDouble() < agent.model.timing().wifiRetryRate()) {
            t += 100_000 + rng.nextLong(900_000);
            buffer[RADIOTAP + 1] |= 0x08;
            putFcs(length - FCS);
            long retry = emit(t, length);
            for (int i = 0; i < n; i++) {
                if (packets[i].event >= 0) {
                    listener.wifiFrame(packets[i], retry, true);
                }
            }
            t += airtime;
        }
        emit(t + 16_000, ack(p.fromDevice ? agent.mac : ROUTER_LAN_MAC, signal));
    }

    /** Bytes {@code p} takes in an A-MSDU: subframe header, LLC/SNAP, the IP packet, padding to 4. */
    private static int subframeBytes(Packet p) {
        return (AMSDU_SUBFRAME_HEADER + LLC_SNAP + p.ipLength() + 3) & ~3;
    }

    @Override
    void finish(long endNanos) throws IOException {
        for (Pending q : pending) {
            send(q);
        }
        beaconsUntil(endNanos);
    }

    private void beaconsUntil(long t) throws IOException {
        while (nextBeacon <= t) {
            emit(nextBeacon, beacon(nextBeacon));
            nextBeacon += BEACON_INTERVAL_NANOS;
        }
    }

    private int radiotap(int rate, int signal) {
        byte[] b = buffer;
        b[0] = 0;
        b[1] = 0;
        b[2] = RADIOTAP;
        b[3] = 0;
        b[4] = 0x2e;
        b[5] = 0x08;
        b[6] = 0;
        b[7] = 0;
        b[8] = 0x10;
        b[9] = (byte) rate;
        b[10] = (byte) (2437 & 0xff);
        b[11] = (byte) (2437 >>> 8);
        b[12] = (byte) 0xc0;
        b[13] = 0;
        b[14] = (byte) signal;
        b[15] = 0;
        return RADIOTAP;
    }

    /**
     * A QoS data frame carrying {@code packets[0, n)}: protected (CCMP header, the encrypted body
     * as random bytes of its exact length, MIC) or not (the LLC/SNAP-framed IPv4 packets as the
     * LAN carries them); with several packets an A-MSDU (IEEE 802.11-2020, 9.3.2.2.2) whose
     * subframes are DA, SA, length, MSDU, padded to 4 bytes but the last. Returns the frame length.
     */
    private int dataFrame(Packet[] packets, int n, DeviceAgent agent, int sequence, long pn, int signal) {
        byte[] b = buffer;
        Packet first = packets[0];
        boolean up = first.fromDevice;
        long station = agent.mac;
        int at = radiotap(0x6c, signal);
        b[at] = (byte) 0x88;
        b[at + 1] = (byte) ((up ? 0x01 : 0x02) | (protect ? 0x40 : 0));
        b[at + 2] = 0x2c;
        b[at + 3] = 0;
        putMac(b, at + 4, up ? ROUTER_LAN_MAC : station);
        putMac(b, at + 10, up ? station : ROUTER_LAN_MAC);
        putMac(b, at + 16, up ? destinationMac(first) : ROUTER_LAN_MAC);
        b[at + 22] = (byte) (sequence << 4);
        b[at + 23] = (byte) (sequence >>> 4);
        b[at + 24] = (byte) (n > 1 ? 0x80 : 0); // TID 0; A-MSDU present
        b[at + 25] = 0;
        at += QOS_HEADER;
        if (protect) {
            b[at] = (byte) pn;
            b[at + 1] = (byte) (pn >>> 8);
            b[at + 2] = 0;
            b[at + 3] = 0x20;
            for (int i = 0; i < 4; i++) {
                b[at + 4 + i] = (byte) (pn >>> (16 + 8 * i));
            }
            at += CCMP_HEADER;
            int encrypted = MIC;
            for (int i = 0; i < n; i++) {
                encrypted += n == 1 ? LLC_SNAP + packets[i].ipLength()
                        : i < n - 1 ? subframeBytes(packets[i]) : AMSDU_SUBFRAME_HEADER + LLC_SNAP + packets[i].ipLength();
            }
            payloads.fill(b, at, encrypted, rng);
            at += encrypted;
        } else {
            for (int i = 0; i < n; i++) {
                Packet p = packets[i];
                int subframe = at;
                if (n > 1) {
                    putMac(b, at, up ? destinationMac(p) : station);
                    putMac(b, at + 6, up ? station : ROUTER_LAN_MAC);
                    putShort(b, at + 12, LLC_SNAP + p.ipLength());
                    at += AMSDU_SUBFRAME_HEADER;
                }
                System.arraycopy(SNAP_IPV4, 0, b, at, LLC_SNAP);
                at = up ? ipPacket(at + LLC_SNAP, p, sourceAddress(p, agent), p.remoteAddress, p.devicePort,
                        p.remotePort, 64)
                        : ipPacket(at + LLC_SNAP, p, p.remoteAddress, agent.address, p.remotePort, p.devicePort, 51);
                while (n > 1 && i < n - 1 && (at - subframe) % 4 != 0) {
                    b[at++] = 0;
                }
            }
        }
        putFcs(at);
        return at + FCS;
    }

    /** Writes the FCS (CRC-32 of the 802.11 frame, little-endian) after the frame ending at {@code end}. */
    private void putFcs(int end) {
        crc.reset();
        crc.update(buffer, RADIOTAP, end - RADIOTAP);
        long v = crc.getValue();
        for (int i = 0; i < 4; i++) {
            buffer[end + i] = (byte) (v >>> (8 * i));
        }
    }

    private int ack(long receiver, int signal) {
        byte[] b = buffer;
        int at = radiotap(0x30, signal);
        b[at] = (byte) 0xd4;
        b[at + 1] = 0;
        b[at + 2] = 0;
        b[at + 3] = 0;
        putMac(b, at + 4, receiver);
        at += 10;
        putFcs(at);
        return at + FCS;
    }

    private int beacon(long t) {
        byte[] b = buffer;
        int at = radiotap(0x02, -30);
        b[at] = (byte) 0x80;
        b[at + 1] = 0;
        b[at + 2] = 0;
        b[at + 3] = 0;
        putMac(b, at + 4, 0xffffffffffffL);
        putMac(b, at + 10, ROUTER_LAN_MAC);
        putMac(b, at + 16, ROUTER_LAN_MAC);
        b[at + 22] = (byte) (beaconSequence << 4);
        b[at + 23] = (byte) (beaconSequence >>> 4);
        beaconSequence = (beaconSequence + 1) & 0xfff;
        at += 24;
        long tsf = (t - startNanos) / 1_000 + 3_600_000_000L;
        for (int i = 0; i < 8; i++) {
            b[at + i] = (byte) (tsf >>> (8 * i));
        }
        at += 8;
        b[at++] = 0x64;
        b[at++] = 0;
        b[at++] = 0x31;
        b[at++] = 0x04;
        b[at++] = 0;
        b[at++] = (byte) SSID.length;
        System.arraycopy(SSID, 0, b, at, SSID.length);
        at += SSID.length;
        System.arraycopy(BEACON_TAIL, 0, b, at, BEACON_TAIL.length);
        at += BEACON_TAIL.length;
        putFcs(at);
        return at + FCS;
    }
}
