package org.iotevent.flink;

import java.util.Arrays;

/** The open burst of one device of one home, kept in Flink's keyed state. */
public class OpenBurst {
    public long startNanos;
    public long lastNanos;
    public long firstFrame;
    public long lastFrame;
    /** Timeline time (ms) of its latest packet. */
    public long lastTimeline = Long.MIN_VALUE;
    /** Timeline time (ms) after which no packet of this burst can come: its timer's time. */
    public long deadline;
    /** The timer registered, or Long.MIN_VALUE. */
    public long timer = Long.MIN_VALUE;
    public int count;
    public int[] lengths = new int[16];

    public OpenBurst() {}

    void add(long timeNanos, long frame, int signedLength) {
        if (count == 0) {
            startNanos = timeNanos;
            lastNanos = timeNanos;
            firstFrame = frame;
        }
        if (count == lengths.length) {
            lengths = Arrays.copyOf(lengths, count * 2);
        }
        lengths[count++] = signedLength;
        lastNanos = Math.max(lastNanos, timeNanos);
        lastFrame = frame;
    }
}
