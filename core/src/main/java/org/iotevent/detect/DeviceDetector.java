package org.iotevent.detect;

import org.iotevent.signature.Signature;
import org.iotevent.traffic.Burst;
import org.iotevent.traffic.BurstRule;
import org.iotevent.traffic.BurstSegmenter;

/**
 * One device's detection, fed one packet at a time: its packets are cut into bursts at gap
 * {@code a} on packet time, and each burst is labelled when it closes. This is the per-device
 * step a stream processor calls (a job keyed by device feeds each packet's time, frame and signed
 * length, and calls {@link #advance} from a timer while the device is silent); {@link
 * DetectionPipeline} takes the same two steps for every watched device over a capture, the
 * labelling on its writing thread when it has two. Memory is one open burst. Not thread-safe.
 */
public final class DeviceDetector {
    private final Detector detector;
    private final BurstSegmenter segmenter;
    private DetectedEvent closed;

    /**
     * @param detector labels the device's bursts
     * @param gapNanos the burst gap {@code a}, nanoseconds, {@code > 0}
     */
    public DeviceDetector(Detector detector, long gapNanos) {
        this.detector = detector;
        this.segmenter = new BurstSegmenter(BurstRule.of(gapNanos), this::closed);
    }

    /** The detection the signature file describes: its classifier, privacy events and {@code a}. */
    public static DeviceDetector of(Signature signature) {
        return new DeviceDetector(Detector.of(signature), signature.gapNanos());
    }

    private void closed(Burst burst) {
        closed = detector.detect(burst);
    }

    /**
     * Feeds one of the device's packets (in packet-time order; a late packet joins the open burst).
     *
     * @param timeNanos packet time, nanoseconds since the epoch
     * @param frame the packet's frame number in its capture (the detection names its first and last)
     * @param signedLength IP-layer length in bytes, {@code > 0} towards the device, {@code < 0} from it
     * @return the detection of the burst this packet closed (it came more than {@code a} after
     *     the burst's last packet), or null
     */
    public DetectedEvent packet(long timeNanos, long frame, int signedLength) {
        closed = null;
        segmenter.add(timeNanos, frame, signedLength);
        return closed;
    }

    /**
     * Moves packet time to {@code nowNanos} without a packet of the device (another device's
     * packet, or a timer while the input is idle).
     *
     * @return the detection of the burst that closed because {@code a} has passed, or null
     */
    public DetectedEvent advance(long nowNanos) {
        closed = null;
        segmenter.advance(nowNanos);
        return closed;
    }

    /** Closes the open burst (end of the input); its detection, or null when none was open. */
    public DetectedEvent flush() {
        closed = null;
        segmenter.flush();
        return closed;
    }

    /** Start of the open burst, or {@code Long.MAX_VALUE} when none is open. */
    public long openStartNanos() {
        return segmenter.openStartNanos();
    }
}
