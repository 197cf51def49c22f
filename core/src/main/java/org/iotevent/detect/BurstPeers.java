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
    /** The largest packet so far of one burst, and its peer's address. */
    private static final class Peer {
        long firstFrame = -1;
        int largest;
        int ipVersion;
        long hi;
        long lo;
        long mac = -1;

        void reset(long frame) {
            firstFrame = frame;
            largest = 0;
        }

        void offer(DecodedPacket p, int signedLength) {
            int length = Math.abs(signedLength);
            if (length <= largest) {
                return;
            }
            largest = length;
            boolean towardsDevice = signedLength > 0;
            ipVersion = p.ipVersion;
            hi = towardsDevice ? p.ipSrcHi : p.ipDstHi;
            lo = towardsDevice ? p.ipSrcLo : p.ipDstLo;
            mac = towardsDevice ? p.linkSrc : p.linkDst;
        }

        String address() {
            if (ipVersion == 4) {
                return AddressFormat.appendIpv4(new StringBuilder(), lo).toString();
            }
            if (ipVersion == 6) {
                return AddressFormat.appendIpv6(new StringBuilder(), hi, lo).toString();
            }
            return mac < 0 ? null : AddressFormat.mac(mac);
        }
    }

    private final List<BurstSegmenter> segmenterList;
    private BurstSegmenter[] segmenters;
    /** Per device: the open burst, and the one the current packet is about to close. */
    private Peer[] open;
    private Peer[] closing;

    /** @param segmenters each device's segmenter, in the pass's order (the list may still be filled) */
    public BurstPeers(List<BurstSegmenter> segmenters) {
        this.segmenterList = segmenters;
    }

    @Override
    public void packet(CaptureRecord record, DecodedPacket p, int[] signedLengths) {
        if (segmenters == null) {
            segmenters = segmenterList.toArray(BurstSegmenter[]::new);
            open = new Peer[segmenters.length];
            closing = new Peer[segmenters.length];
            for (int d = 0; d < open.length; d++) {
                open[d] = new Peer();
                closing[d] = new Peer();
            }
        }
        for (int d = 0; d < segmenters.length; d++) {
            if (signedLengths[d] == 0) {
                continue;
            }
            if (segmenters[d].startsBurst(record.timestampNanos)) {
                Peer done = open[d];
                open[d] = closing[d];
                closing[d] = done;
                open[d].reset(record.frameNumber);
            }
            open[d].offer(p, signedLengths[d]);
        }
    }

    /** The peer of device {@code device}'s burst that began at frame {@code firstFrame}, or null. */
    public String peerOf(int device, long firstFrame) {
        if (open == null) {
            return null;
        }
        Peer peer = open[device].firstFrame == firstFrame ? open[device]
                : closing[device].firstFrame == firstFrame ? closing[device] : null;
        return peer == null || peer.largest == 0 ? null : peer.address();
    }
}
