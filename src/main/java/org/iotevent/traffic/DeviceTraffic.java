package org.iotevent.traffic;

import java.io.IOException;
import org.iotevent.capture.CaptureRecord;
import org.iotevent.capture.PacketSource;
import org.iotevent.decode.DecodedPacket;
import org.iotevent.decode.PacketDecoder;
import org.iotevent.decode.Status;

/**
 * One streaming pass: read, decode, select the device's packets, segment into bursts. Used alike by
 * training, detection and evaluation, so they cut bursts identically. Every packet's time advances
 * the segmenter, so a burst closes as soon as packet time has moved {@code a} past it.
 */
public final class DeviceTraffic {
    private DeviceTraffic() {}

    /**
     * Runs the pass to the end of {@code source}, then flushes the segmenter.
     *
     * @throws IOException when the capture cannot be read on; the bursts before the fault have
     *     been delivered, the open one is not
     */
    public static TrafficStats run(PacketSource source, PacketDecoder decoder, DeviceView view, BurstSegmenter segmenter)
            throws IOException {
        CaptureRecord record = new CaptureRecord();
        DecodedPacket packet = new DecodedPacket();
        long packets = 0;
        long undecodable = 0;
        long untimed = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long before = view.devicePackets();
        while (source.next(record)) {
            packets++;
            if (!record.hasTimestamp) {
                untimed++;
                continue;
            }
            long t = record.timestampNanos;
            first = Math.min(first, t);
            last = Math.max(last, t);
            decoder.decode(record, packet);
            if (packet.status != Status.OK) {
                undecodable++;
            }
            int signedLength = view.signedLength(packet);
            if (signedLength != 0) {
                segmenter.add(t, record.frameNumber, signedLength);
            } else {
                segmenter.advance(t);
            }
        }
        segmenter.flush();
        return new TrafficStats(packets, view.devicePackets() - before, undecodable, untimed, first, last);
    }
}
