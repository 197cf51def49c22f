package org.iotevent.traffic;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.iotevent.capture.PacketSource;
import org.iotevent.decode.PacketDecoder;

/**
 * A capture's bursts of one device, each paired with the logged event that caused it (or
 * {@value EventPairer#OTHER}): what training and evaluation learn from.
 *
 * @param bursts the labelled bursts in capture order
 * @param stats what the pass over the capture saw
 * @param eventsOutside events that no burst of the capture could follow: later than its last
 *     packet, or more than {@code b} before its first
 * @param unpairedEvents events inside the span that no burst followed within {@code b}
 */
public record LabeledTraffic(List<LabeledBurst> bursts, TrafficStats stats, int eventsOutside, List<Event> unpairedEvents) {
    public LabeledTraffic {
        bursts = List.copyOf(bursts);
        unpairedEvents = List.copyOf(unpairedEvents);
    }

    /**
     * Reads a capture to its end, segments the device's packets at gap {@code a} and pairs the
     * bursts with {@code events} within {@code b}.
     *
     * @param events the event log, sorted by time
     * @param gapNanos {@code a} in nanoseconds
     * @param windowNanos {@code b} in nanoseconds
     */
    public static LabeledTraffic collect(PacketSource source, PacketDecoder decoder, DeviceView view, List<Event> events,
            long gapNanos, long windowNanos) throws IOException {
        return pair(events, gapNanos, windowNanos, segmenter -> DeviceTraffic.run(source, decoder, view, segmenter));
    }

    /** As {@link #collect(PacketSource, PacketDecoder, DeviceView, List, long, long)}, over packets read before. */
    public static LabeledTraffic collect(DevicePackets packets, List<Event> events, long gapNanos, long windowNanos)
            throws IOException {
        return pair(events, gapNanos, windowNanos, segmenter -> {
            packets.replay(segmenter);
            return packets.stats();
        });
    }

    /** Cuts the device's packets into bursts. */
    private interface Pass {
        TrafficStats run(BurstSegmenter segmenter) throws IOException;
    }

    private static LabeledTraffic pair(List<Event> events, long gapNanos, long windowNanos, Pass pass) throws IOException {
        EventPairer pairer = new EventPairer(events, windowNanos);
        List<LabeledBurst> out = new ArrayList<>();
        BurstSegmenter segmenter = new BurstSegmenter(gapNanos, BurstSegmenter.DEFAULT_MAX_PACKETS,
                burst -> out.add(pairer.pair(burst)));
        TrafficStats stats = pass.run(segmenter);
        long from = stats.firstNanos() - windowNanos;
        int outside = stats.hasSpan() ? EventPairer.countOutside(events, from, stats.lastNanos()) : events.size();
        List<Event> unpaired = new ArrayList<>();
        for (Event e : pairer.unpairedEvents()) {
            if (stats.hasSpan() && e.timeNanos() >= from && e.timeNanos() <= stats.lastNanos()) {
                unpaired.add(e);
            }
        }
        return new LabeledTraffic(out, stats, outside, unpaired);
    }
}
