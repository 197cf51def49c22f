package org.iotevent.detect;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import org.iotevent.capture.CaptureRecord;
import org.iotevent.capture.PcapngWriter;
import org.iotevent.decode.DecodedPacket;
import org.iotevent.traffic.DeviceTraffic;

/**
 * A copy of the capture as pcapng with a packet comment on every packet of each detected burst
 * (device, event, privacy, distance, burst uid), for Wireshark's {@code frame.comment}. A
 * packet is held only until the bursts it belongs to have closed (each device's burst closes
 * {@code a} after its last packet), so memory holds the packets of the open bursts' time span,
 * not the capture; packets of no device pass as soon as those before them have.
 */
public final class AnnotatedCapture implements DeviceTraffic.PacketObserver {
    private final PcapngWriter out;
    private final long[] closedThrough;
    private final ArrayDeque<Held> held = new ArrayDeque<>();

    /** One packet waiting for its bursts' labels. */
    private static final class Held {
        final CaptureRecord record = new CaptureRecord();
        final boolean[] devices;
        StringBuilder comment;

        Held(CaptureRecord from, int[] signedLengths) {
            byte[] bytes = from.copyBytes();
            record.frameNumber = from.frameNumber;
            record.timestampNanos = from.timestampNanos;
            record.hasTimestamp = from.hasTimestamp;
            record.wireLength = from.wireLength;
            record.capturedLength = from.capturedLength;
            record.linkType = from.linkType;
            record.data = java.nio.ByteBuffer.wrap(bytes);
            record.dataOffset = 0;
            devices = new boolean[signedLengths.length];
            for (int d = 0; d < devices.length; d++) {
                devices[d] = signedLengths[d] != 0;
            }
        }
    }

    /**
     * @param out the pcapng writer (closed by the caller)
     * @param devices number of watched devices
     */
    public AnnotatedCapture(PcapngWriter out, int devices) {
        this.out = out;
        this.closedThrough = new long[devices];
        Arrays.fill(closedThrough, Long.MIN_VALUE);
    }

    @Override
    public void packet(CaptureRecord record, DecodedPacket packet, int[] signedLengths) throws IOException {
        Held last = held.peekLast();
        int subframe = packet == null ? -1 : packet.wlanSubframe;
        if (subframe > 0 && last != null && last.record.frameNumber == record.frameNumber) {
            for (int d = 0; d < signedLengths.length; d++) {
                last.devices[d] |= signedLengths[d] != 0; // a further A-MSDU subframe: the frame is written once
            }
        } else {
            held.add(new Held(record, signedLengths));
        }
        if (subframe < 0 || subframe + 1 >= packet.wlanSubframes) {
            release(); // not before an A-MSDU's last subframe has said whose it is
        }
    }

    /**
     * Labels the held packets of device {@code device}'s closed burst, then writes those whose
     * bursts have all closed.
     */
    public void burstClosed(int device, Detection d) throws IOException {
        DetectedEvent e = d.event();
        String text = d.device() + " " + e.event() + " privacy=" + (e.privacy() ? "yes" : "no") + " distance="
                + DetectionSink.distance(e.distance()) + " burst=" + d.uid();
        for (Iterator<Held> it = held.iterator(); it.hasNext(); ) {
            Held h = it.next();
            long f = h.record.frameNumber;
            if (f > e.lastFrame()) {
                break;
            }
            if (f >= e.firstFrame() && h.devices[device]) {
                h.comment = h.comment == null ? new StringBuilder(text) : h.comment.append("; ").append(text);
            }
        }
        closedThrough[device] = Math.max(closedThrough[device], e.lastFrame());
        release();
    }

    private void release() throws IOException {
        while (!held.isEmpty() && resolved(held.peek())) {
            Held h = held.poll();
            out.write(h.record, h.comment == null ? null : h.comment.toString());
        }
    }

    private boolean resolved(Held h) {
        for (int d = 0; d < h.devices.length; d++) {
            if (h.devices[d] && h.record.frameNumber > closedThrough[d]) {
                return false;
            }
        }
        return true;
    }

    /** Packets held now, waiting for their bursts to close. */
    public int held() {
        return held.size();
    }

    /** Writes every packet still held (after the segmenters were flushed at the end of the capture). */
    public void finish() throws IOException {
        while (!held.isEmpty()) {
            Held h = held.poll();
            out.write(h.record, h.comment == null ? null : h.comment.toString());
        }
        out.flush();
    }
}
