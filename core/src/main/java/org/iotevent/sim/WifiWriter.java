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
 * minus 8 LLC/SNAP, 8 CCMP header and 8 MIC bytes.
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

    WifiWriter(OutputStream out, FrameListener listener, long seed, Payloads payloads, int devices, long startNanos)
            throws IOException {
        super(Vantage.WIFI, out);
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
        int d = agent.index;
        long air = p.fromDevice ? p.timeNanos - 200_000 : p.timeNanos + 200_000;
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
        int length = dataFrame(p, agent.mac, sequence, pn, signal);
        long frame = emit(air, length);
        if (p.event >= 0) {
            listener.wifiFrame(p, frame, false);
        }
        long airtime = 20_000 + 148L * length;
        long t = air + airtime;
        if (rng.nextDouble() < agent.model.timing().wifiRetryRate()) {
            t += 100_000 + rng.nextLong(900_000);
            buffer[RADIOTAP + 1] |= 0x08;
            putFcs(length - FCS);
            long retry = emit(t, length);
            if (p.event >= 0) {
                listener.wifiFrame(p, retry, true);
            }
            t += airtime;
        }
        emit(t + 16_000, ack(p.fromDevice ? agent.mac : ROUTER_LAN_MAC, signal));
    }

    @Override
    void finish(long endNanos) throws IOException {
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

    private int dataFrame(Packet p, long stationMac, int sequence, long pn, int signal) {
        byte[] b = buffer;
        int at = radiotap(0x6c, signal);
        b[at] = (byte) 0x88;
        b[at + 1] = (byte) ((p.fromDevice ? 0x01 : 0x02) | 0x40);
        b[at + 2] = 0x2c;
        b[at + 3] = 0;
        if (p.fromDevice) {
            putMac(b, at + 4, ROUTER_LAN_MAC);
            putMac(b, at + 10, stationMac);
        } else {
            putMac(b, at + 4, stationMac);
            putMac(b, at + 10, ROUTER_LAN_MAC);
        }
        putMac(b, at + 16, ROUTER_LAN_MAC);
        b[at + 22] = (byte) (sequence << 4);
        b[at + 23] = (byte) (sequence >>> 4);
        b[at + 24] = 0;
        b[at + 25] = 0;
        at += QOS_HEADER;
        b[at] = (byte) pn;
        b[at + 1] = (byte) (pn >>> 8);
        b[at + 2] = 0;
        b[at + 3] = 0x20;
        for (int i = 0; i < 4; i++) {
            b[at + 4 + i] = (byte) (pn >>> (16 + 8 * i));
        }
        at += CCMP_HEADER;
        int encrypted = LLC_SNAP + p.ipLength() + MIC;
        payloads.fill(b, at, encrypted, rng);
        at += encrypted;
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
