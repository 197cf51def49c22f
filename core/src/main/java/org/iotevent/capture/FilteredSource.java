package org.iotevent.capture;

import java.io.IOException;

/**
 * The records of a source that a {@link PacketFilter} accepts, at most {@code count} of them
 * (tcpdump's {@code -c}: stop after that many packets matched). Frame numbers stay those of the
 * source, as tshark numbers frames under a display filter.
 */
public final class FilteredSource extends ForwardingPacketSource {
    private final PacketFilter filter;
    private final long count;
    private long delivered;

    private FilteredSource(PacketSource in, PacketFilter filter, long count) {
        super(in);
        this.filter = filter;
        this.count = count;
    }

    /**
     * {@code in} filtered and limited; {@code in} itself when there is neither filter nor limit.
     *
     * @param filter the filter, or null for every record
     * @param count the most records delivered, or {@code Long.MAX_VALUE}
     */
    public static PacketSource of(PacketSource in, PacketFilter filter, long count) {
        if (count < 0) {
            throw new IllegalArgumentException("negative count " + count);
        }
        return filter == null && count == Long.MAX_VALUE ? in : new FilteredSource(in, filter, count);
    }

    @Override
    public boolean next(CaptureRecord into) throws IOException {
        if (delivered >= count) {
            return false;
        }
        while (source.next(into)) {
            if (filter == null || filter.matches(into)) {
                delivered++;
                return true;
            }
        }
        return false;
    }
}
