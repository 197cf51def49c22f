package org.iotevent.traffic;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.iotevent.capture.PacketSource;
import org.iotevent.decode.PacketDecoder;

/**
 * One device's packets of a capture, kept in a few primitive arrays (time, frame, signed length,
 * and the latest time of the other packets before each), so that training reads the capture once
 * and still estimates {@code a} and {@code b} from the packet times before it cuts the bursts.
 * Replaying them into a segmenter ({@link #replay}) cuts exactly the bursts the streaming pass
 * would have: the other packets' times advance it as they did.
 */
public final class DevicePackets {
    private long[] times = new long[1024];
    private long[] frames = new long[1024];
    private int[] lengths = new int[1024];
    private long[] othersBefore = new long[1024];
    private int count;
    private long othersAfter = Long.MIN_VALUE;
    private TrafficStats stats;

    private DevicePackets() {}

    /** Reads {@code source} to its end, keeping the packets {@code view} selects. */
    public static DevicePackets read(PacketSource source, PacketDecoder decoder, DeviceView view) throws IOException {
        return read(source, decoder, view, null);
    }

    /**
     * As {@link #read(PacketSource, PacketDecoder, DeviceView)}, also showing every timed packet to
     * {@code census} (or null), so that training records the device's identity from the same pass.
     */
    public static DevicePackets read(PacketSource source, PacketDecoder decoder, DeviceView view, DeviceCensus census)
            throws IOException {
        DevicePackets p = new DevicePackets();
        p.stats = DeviceTraffic.observe(source, decoder, List.of(view),
                (record, packet, signed) -> {
                    if (record.hasTimestamp) {
                        if (census != null) {
                            census.packet(packet);
                        }
                        p.offer(record.timestampNanos, record.frameNumber, signed[0]);
                    }
                }).get(0);
        return p;
    }

    private void offer(long time, long frame, int signedLength) {
        if (signedLength == 0) {
            othersAfter = Math.max(othersAfter, time);
            return;
        }
        if (count == times.length) {
            int n = count * 2;
            times = Arrays.copyOf(times, n);
            frames = Arrays.copyOf(frames, n);
            lengths = Arrays.copyOf(lengths, n);
            othersBefore = Arrays.copyOf(othersBefore, n);
        }
        times[count] = time;
        frames[count] = frame;
        lengths[count] = signedLength;
        othersBefore[count] = othersAfter;
        othersAfter = Long.MIN_VALUE;
        count++;
    }

    /** What the pass over the capture saw. */
    public TrafficStats stats() {
        return stats;
    }

    /** The device's packet times, ascending. */
    public long[] sortedTimes() {
        long[] sorted = Arrays.copyOf(times, count);
        Arrays.sort(sorted);
        return sorted;
    }

    /** Feeds the packets to {@code segmenter} as the streaming pass would, then flushes it. */
    public void replay(BurstSegmenter segmenter) {
        for (int i = 0; i < count; i++) {
            if (othersBefore[i] != Long.MIN_VALUE) {
                segmenter.advance(othersBefore[i]);
            }
            segmenter.add(times[i], frames[i], lengths[i]);
        }
        segmenter.flush();
    }
}
