package org.iotevent.detect;

import java.util.ArrayDeque;
import java.util.List;
import org.iotevent.capture.CaptureRecord;
import org.iotevent.decode.AddressFormat;
import org.iotevent.decode.DecodedPacket;
import org.iotevent.traffic.BurstSegmenter;
import org.iotevent.traffic.DeviceTraffic;

/**
 * The peer of each burst: the address its first packet came from or went to (the other end of
 * the device's exchange: the cloud's IP, or the peer's MAC on 802.11 without IP). Watches the
 * pass before the segmenters see a packet, and keeps one address per burst still open.
 */
public final class BurstPeers implements DeviceTraffic.PacketObserver {
    private record Start(long frame, String peer) {}

    private final List<BurstSegmenter> segmenterList;
    private BurstSegmenter[] segmenters;
    private ArrayDeque<Start>[] starts;

    /** @param segmenters each device's segmenter, in the pass's order (the list may still be filled) */
    public BurstPeers(List<BurstSegmenter> segmenters) {
        this.segmenterList = segmenters;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void packet(CaptureRecord record, DecodedPacket p, int[] signedLengths) {
        if (segmenters == null) {
            segmenters = segmenterList.toArray(BurstSegmenter[]::new);
            starts = new ArrayDeque[segmenters.length];
            for (int d = 0; d < starts.length; d++) {
                starts[d] = new ArrayDeque<>();
            }
        }
        for (int d = 0; d < segmenters.length; d++) {
            if (signedLengths[d] != 0 && segmenters[d].startsBurst(record.timestampNanos)) {
                starts[d].add(new Start(record.frameNumber, peer(p, signedLengths[d] > 0)));
            }
        }
    }

    private static String peer(DecodedPacket p, boolean towardsDevice) {
        if (p.ipVersion != 0) {
            return towardsDevice ? AddressFormat.ipSource(p) : AddressFormat.ipDestination(p);
        }
        long mac = towardsDevice ? p.linkSrc : p.linkDst;
        return mac < 0 ? null : AddressFormat.mac(mac);
    }

    /** The peer of device {@code device}'s burst that began at frame {@code firstFrame}, or null. */
    public String peerOf(int device, long firstFrame) {
        if (starts == null) {
            return null;
        }
        ArrayDeque<Start> q = starts[device];
        while (!q.isEmpty() && q.peek().frame() < firstFrame) {
            q.poll();
        }
        return !q.isEmpty() && q.peek().frame() == firstFrame ? q.poll().peer() : null;
    }
}
