package org.iotevent.flink;

import java.util.Map;
import org.apache.flink.util.Collector;
import org.iotevent.capture.CaptureRecord;
import org.iotevent.decode.DecodedPacket;

/**
 * The selection alone, for the session-window variant ({@code --session-windows}): every watched
 * device's packet goes on as a {@link DevicePacket}, keyed by (home, device) downstream.
 */
final class SelectDevices extends HomeSelection<DevicePacket> {
    SelectDevices(Map<String, byte[]> initial, double maxRate) {
        super(initial, maxRate);
    }

    @Override
    void selected(String home, Watchlist.Watched w, CaptureRecord record, DecodedPacket packet, int signed,
            ReadOnlyContext ctx, Collector<DevicePacket> out) {
        out.collect(new DevicePacket(home, w.device(), record.timestampNanos, record.frameNumber, signed, w.gapNanos()));
    }
}
