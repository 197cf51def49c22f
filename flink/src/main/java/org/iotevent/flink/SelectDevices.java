package org.iotevent.flink;

import java.util.Map;
import org.apache.flink.util.Collector;
import org.iotevent.capture.CaptureRecord;
import org.iotevent.decode.DecodedPacket;
import org.iotevent.detect.BurstPeers;

/**
 * The selection alone, for the session-window variant ({@code --session-windows}): every watched
 * device's packet goes on as a {@link DevicePacket}, keyed by (home, device) downstream.
 */
final class SelectDevices extends HomeSelection<DevicePacket> {
    /** Shown each selected packet alone: its peer as a burst's largest packet would name it. */
    private transient BurstPeers.Largest peer;

    SelectDevices(Map<String, byte[]> initial, double maxRate) {
        super(initial, maxRate);
    }

    @Override
    void selected(String home, Watchlist.Watched w, CaptureRecord record, DecodedPacket packet, int signed,
            ReadOnlyContext ctx, Collector<DevicePacket> out) {
        if (peer == null) {
            peer = new BurstPeers.Largest();
        }
        peer.reset(record.frameNumber);
        peer.offer(packet, signed);
        out.collect(new DevicePacket(home, w.device(), record.timestampNanos, record.frameNumber, signed, w.gapNanos())
                .withPeer(peer));
    }
}
