package org.iotevent.flink;

import java.util.Arrays;
import org.iotevent.decode.DecodedPacket;
import org.iotevent.detect.BurstPeers;

/** The open burst of one device of one home, kept in Flink's keyed state (a POJO: Flink serialises it without Kryo). */
public class OpenBurst {
    public long startNanos;
    public long lastNanos;
    public long firstFrame;
    public long lastFrame;
    /** Timeline time (ms) of its latest packet. */
    public long lastTimeline = Long.MIN_VALUE;
    /** Timeline time (ms) after which no packet of this burst can come: when a timer closes it. */
    public long deadline;
    /** Packets so far; 0: no burst open (the object is kept for the device's next burst). */
    public int count;
    public int[] lengths = new int[16];
    /** The largest packet so far and its peer: the detection's {@code peer_addr}, as the CLI names it. */
    public BurstPeers.Largest peer = new BurstPeers.Largest();

    public OpenBurst() {}

    /** Adds a packet (in the home's capture order). */
    void add(long timeNanos, long frame, int signedLength, DecodedPacket packet) {
        if (count == 0) {
            startNanos = timeNanos;
            lastNanos = timeNanos;
            firstFrame = frame;
            peer.reset(frame);
        }
        if (count == lengths.length) {
            lengths = Arrays.copyOf(lengths, count * 2);
        }
        lengths[count++] = signedLength;
        lastNanos = Math.max(lastNanos, timeNanos);
        lastFrame = frame;
        peer.offer(packet, signedLength);
    }

    /** Closes the burst: the next packet starts another. */
    void clear() {
        count = 0;
        lastTimeline = Long.MIN_VALUE;
        deadline = 0;
        if (lengths.length > 4096) {
            lengths = new int[16];
        }
    }
}
