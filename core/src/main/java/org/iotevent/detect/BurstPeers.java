package org.iotevent.detect;

import java.util.List;
import org.iotevent.capture.CaptureRecord;
import org.iotevent.decode.AddressFormat;
import org.iotevent.decode.DecodedPacket;
import org.iotevent.traffic.BurstSegmenter;
import org.iotevent.traffic.DeviceTraffic;

/**
 * The peer of each burst: the other end of the burst's largest packet (the cloud's IP rather
 * than the DNS resolver asked first; the peer's MAC on 802.11 without IP). Watches the pass
 * before the segmenters see a packet; keeps a few numbers per device, nothing per packet.
 */
public final class BurstPeers implements DeviceTraffic.PacketObserver {
    /**
     * The largest packet so far of one burst and its peer (the first of equal lengths wins). Public
     * with public fields: the Flink job keeps one per open burst in its state.
     */
    public static final class Largest {
        /** Frame number of the burst's first packet, -1 before the first. */
        public long firstFrame = -1;
        /** IP-layer length of the largest packet, 0 before the first. */
        public int largest;
        public int ipVersion;
        public long hi;
        public long lo;
        public long mac = -1;

        /** Starts the burst that begins at frame {@code frame}. */
        public void reset(long frame) {
            firstFrame = frame;
            largest = 0;
        }

        /** Shows the burst's next packet, of signed length {@code signedLength}. */
        public void offer(DecodedPacket p, int signedLength) {
            if (Math.abs(signedLength) > largest) {
                take(p, signedLength);
            }
        }

        /** The packet is the largest so far (apart from {@link #offer}: the usual smaller packet costs no call). */
        private void take(DecodedPacket p, int signedLength) {
            largest = Math.abs(signedLength);
            boolean towardsDevice = signedLength > 0;
            ipVersion = p.ipVersion;
            hi = towardsDevice ? p.ipSrcHi : p.ipDstHi;
            lo = towardsDevice ? p.ipSrcLo : p.ipDstLo;
            mac = towardsDevice ? p.linkSrc : p.linkDst;
        }

        /** The peer's address (IP, else MAC), or null before a packet or when it has neither. */
        public String address() {
            return address(new Cached[1]);
        }

        /**
         * The peer's address, taken from {@code cache} when one of its entries names the same peer
         * (bursts of a device share few peers: the same string, which the sinks find by identity),
         * else written and put in place of the oldest entry.
         */
        String address(Cached[] cache) {
            if (largest == 0 || ipVersion != 4 && ipVersion != 6 && mac < 0) {
                return null;
            }
            int free = cache.length - 1;
            for (int i = 0; i < cache.length; i++) {
                Cached c = cache[i];
                if (c == null) {
                    free = i;
                    break;
                }
                if (c.ipVersion == ipVersion && c.hi == hi && c.lo == lo && c.mac == mac) {
                    return c.text;
                }
            }
            String text = ipVersion == 4 ? AddressFormat.appendIpv4(new StringBuilder(15), lo).toString()
                    : ipVersion == 6 ? AddressFormat.appendIpv6(new StringBuilder(39), hi, lo).toString()
                    : AddressFormat.mac(mac);
            // the newest first: the oldest (or an empty slot) makes room
            System.arraycopy(cache, 0, cache, 1, free);
            cache[0] = new Cached(ipVersion, hi, lo, mac, text);
            return text;
        }
    }

    /** An address written of a device. */
    private record Cached(int ipVersion, long hi, long lo, long mac, String text) {}

    /** Addresses kept per device. */
    private static final int CACHED = 8;

    private final BurstSegmenter[] segmenters;
    /** Per device: the open burst, and the one the current packet is about to close. */
    private final Largest[] open;
    private final Largest[] closing;
    /** Per device: the last addresses written, the newest first. */
    private final Cached[][] last;
    /** The devices that kept the packet, when a pass shows only the signed lengths. */
    private final int[] kept;

    /** @param segmenters each device's segmenter, in the pass's order */
    public BurstPeers(List<BurstSegmenter> segmenters) {
        this.segmenters = segmenters.toArray(BurstSegmenter[]::new);
        int n = this.segmenters.length;
        open = new Largest[n];
        closing = new Largest[n];
        last = new Cached[n][CACHED];
        kept = new int[n];
        for (int d = 0; d < n; d++) {
            open[d] = new Largest();
            closing[d] = new Largest();
        }
    }

    @Override
    public void packet(CaptureRecord record, DecodedPacket p, int[] signedLengths) {
        int count = 0;
        for (int d = 0; d < signedLengths.length; d++) {
            if (signedLengths[d] != 0) {
                kept[count++] = d;
            }
        }
        packet(record, p, signedLengths, kept, count);
    }

    @Override
    public void packet(CaptureRecord record, DecodedPacket p, int[] signedLengths, int[] kept, int keptCount) {
        // kept under 60 bytecodes, as opened() is, so that the pass inlines both
        for (int i = 0; i < keptCount; i++) {
            int d = kept[i];
            opened(d, record).offer(p, signedLengths[d]);
        }
    }

    /** The burst of device {@code d} that its packet {@code record} belongs to. */
    private Largest opened(int d, CaptureRecord record) {
        if (segmenters[d].startsBurst(record.timestampNanos)) {
            turn(d, record.frameNumber);
        }
        return open[d];
    }

    /** Device {@code d}'s packet at frame {@code frame} begins a burst: the open one is closing. */
    private void turn(int d, long frame) {
        Largest done = open[d];
        open[d] = closing[d];
        closing[d] = done;
        open[d].reset(frame);
    }

    /** Only the devices' own packets name peers. */
    @Override
    public boolean keptOnly() {
        return true;
    }

    /** The peer of device {@code device}'s burst that began at frame {@code firstFrame}, or null. */
    public String peerOf(int device, long firstFrame) {
        Largest peer = open[device].firstFrame == firstFrame ? open[device]
                : closing[device].firstFrame == firstFrame ? closing[device] : null;
        return peer == null ? null : peer.address(last[device]);
    }
}
