package org.iotevent.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.iotevent.capture.CaptureReaders;
import org.iotevent.capture.CaptureRecord;
import org.iotevent.capture.LinkType;
import org.iotevent.capture.PacketSource;
import org.iotevent.capture.PcapngWriter;
import org.iotevent.traffic.BurstSegmenter;
import org.junit.jupiter.api.Test;

class AnnotatedCaptureTest {
    /**
     * A long capture (100 000 packets, one every 10 ms) where the device sends a burst of 5
     * packets every 2 s: every burst's packets get their comment, the others none, and the
     * packets held at any time stay those of about one gap a, not the capture.
     */
    @Test
    void holdsOnlyThePacketsOfOpenBurstsAndCommentsEachBurst() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int maxHeld = 0;
        long devicePackets = 0;
        try (PcapngWriter writer = new PcapngWriter(bytes)) {
            AnnotatedCapture annotated = new AnnotatedCapture(writer, 1);
            BurstSegmenter segmenter = new BurstSegmenter(500_000_000L, 1000, burst -> {
                DetectedEvent e = new DetectedEvent(burst.startNanos(), burst.endNanos(), burst.firstFrame(),
                        burst.lastFrame(), burst.packetCount(), "on", true, 0);
                try {
                    annotated.burstClosed(0, Detection.of("plug", "192.168.1.50", null, e));
                } catch (java.io.IOException x) {
                    throw new java.io.UncheckedIOException(x);
                }
            });
            CaptureRecord r = new CaptureRecord();
            byte[] frame = new byte[60];
            r.data = ByteBuffer.wrap(frame);
            r.linkType = LinkType.ETHERNET;
            r.hasTimestamp = true;
            int[] signed = new int[1];
            for (int i = 0; i < 100_000; i++) {
                r.frameNumber = i + 1;
                r.timestampNanos = 1_700_000_000_000_000_000L + i * 10_000_000L;
                r.capturedLength = 60;
                r.wireLength = 60;
                signed[0] = i % 200 < 5 ? 100 : 0; // 5 device packets every 200 packets (2 s)
                annotated.packet(r, null, signed);
                if (signed[0] != 0) {
                    devicePackets++;
                    segmenter.add(r.timestampNanos, r.frameNumber, signed[0]);
                } else {
                    segmenter.advance(r.timestampNanos);
                }
                maxHeld = Math.max(maxHeld, annotated.held());
            }
            segmenter.flush();
            annotated.finish();
        }
        // a burst closes 0.5 s (50 packets) after its last packet: at most its 5 + 50 packets are held
        assertThat(maxHeld).isBetween(50, 60);
        long commented = 0;
        long all = 0;
        try (PacketSource in = CaptureReaders.open("annotated", new ByteArrayInputStream(bytes.toByteArray()))) {
            CaptureRecord r = new CaptureRecord();
            while (in.next(r)) {
                all++;
            }
        }
        assertThat(all).isEqualTo(100_000);
        String text = new String(bytes.toByteArray(), java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = -1;
        while ((at = text.indexOf("plug on privacy=yes distance=0.000 burst=B", at + 1)) >= 0) {
            commented++;
        }
        assertThat(commented).isEqualTo(devicePackets).isEqualTo(2500);
    }
}
