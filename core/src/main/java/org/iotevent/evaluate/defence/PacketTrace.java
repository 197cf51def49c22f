package org.iotevent.evaluate.defence;

import java.util.Arrays;

/**
 * Packets as the eavesdropper sees them, in time order: what a defence transforms. Columnar, so a
 * capture of a day stays small.
 *
 * @param timeNanos packet time, nanoseconds since the epoch, non-decreasing
 * @param signedLengths IP-layer length in bytes, positive towards the device (or the home), negative
 *     from it; never 0
 * @param delayNanos for each packet that completes the delivery of an original packet, the delay the
 *     defence added to that original packet (0 when untouched); -1 for a packet that carries no end
 *     of an original packet (cover traffic, the first cells of a split packet)
 */
public record PacketTrace(long[] timeNanos, int[] signedLengths, long[] delayNanos) {
    public PacketTrace {
        if (timeNanos.length != signedLengths.length || timeNanos.length != delayNanos.length) {
            throw new IllegalArgumentException("trace columns differ in length: " + timeNanos.length + ", "
                    + signedLengths.length + ", " + delayNanos.length);
        }
        timeNanos = timeNanos.clone();
        signedLengths = signedLengths.clone();
        delayNanos = delayNanos.clone();
        for (int i = 0; i < timeNanos.length; i++) {
            if (signedLengths[i] == 0 || delayNanos[i] < -1 || (i > 0 && timeNanos[i] < timeNanos[i - 1])) {
                throw new IllegalArgumentException("packet " + i + " of a trace: length " + signedLengths[i] + ", delay "
                        + delayNanos[i] + " ns, time " + timeNanos[i] + " ns (lengths non-zero, times in order)");
            }
        }
    }

    /** An undefended trace: every packet original, no delay. */
    public static PacketTrace of(long[] timeNanos, int[] signedLengths) {
        return new PacketTrace(timeNanos, signedLengths, new long[timeNanos.length]);
    }

    @Override
    public long[] timeNanos() {
        return timeNanos.clone();
    }

    @Override
    public int[] signedLengths() {
        return signedLengths.clone();
    }

    @Override
    public long[] delayNanos() {
        return delayNanos.clone();
    }

    /** Number of packets. */
    public int size() {
        return timeNanos.length;
    }

    /** Packet time of packet {@code i}, nanoseconds since the epoch. */
    public long time(int i) {
        return timeNanos[i];
    }

    /** Signed IP-layer length of packet {@code i}, bytes. */
    public int length(int i) {
        return signedLengths[i];
    }

    /** Sum of the packets' IP-layer lengths, bytes. */
    public long bytes() {
        long sum = 0;
        for (int l : signedLengths) {
            sum += Math.abs(l);
        }
        return sum;
    }

    /** Mean added delay over the original packets, nanoseconds; 0 for an empty trace. */
    public double meanDelayNanos() {
        long sum = 0;
        long n = 0;
        for (long d : delayNanos) {
            if (d >= 0) {
                sum += d;
                n++;
            }
        }
        return n == 0 ? 0 : (double) sum / n;
    }

    /** Collects packets, in any order; {@link #build} sorts them by time (stable). */
    public static final class Builder {
        private long[] times = new long[256];
        private int[] lengths = new int[256];
        private long[] delays = new long[256];
        private int size;

        /** Adds one packet; {@code delayNanos} as in {@link PacketTrace}. */
        public Builder add(long timeNanos, int signedLength, long delayNanos) {
            if (size == times.length) {
                times = Arrays.copyOf(times, size * 2);
                lengths = Arrays.copyOf(lengths, size * 2);
                delays = Arrays.copyOf(delays, size * 2);
            }
            times[size] = timeNanos;
            lengths[size] = signedLength;
            delays[size] = delayNanos;
            size++;
            return this;
        }

        /** The trace, sorted by time; packets with equal times keep their order. */
        public PacketTrace build() {
            boolean sorted = true;
            for (int i = 1; i < size && sorted; i++) {
                sorted = times[i - 1] <= times[i];
            }
            if (sorted) {
                return new PacketTrace(Arrays.copyOf(times, size), Arrays.copyOf(lengths, size), Arrays.copyOf(delays, size));
            }
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (x, y) -> Long.compare(times[x], times[y]));
            long[] t = new long[size];
            int[] l = new int[size];
            long[] d = new long[size];
            for (int i = 0; i < size; i++) {
                t[i] = times[order[i]];
                l[i] = lengths[order[i]];
                d[i] = delays[order[i]];
            }
            return new PacketTrace(t, l, d);
        }
    }
}
