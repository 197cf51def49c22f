package org.iotevent.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.iotevent.capture.CaptureFormatException;
import org.iotevent.capture.CaptureReaders;
import org.iotevent.capture.CaptureRecord;
import org.iotevent.capture.PacketSource;

/**
 * Coverage-guided fuzzing of the whole front of the pipeline: any bytes, read as a capture stream
 * and every record decoded. Only a clean end or a {@link CaptureFormatException} naming the input
 * may come out of the reader; every record lies within its buffer and the 256 KiB bound; the
 * decoder never throws and never trips its bounds guard. Regression mode (plain {@code mvn verify})
 * replays the committed inputs under {@code CaptureDecodeFuzzTestInputs/}; {@code bench/fuzz.sh}
 * fuzzes.
 */
class CaptureDecodeFuzzTest {
    private static final String NAME = "fuzz.pcap";

    @FuzzTest(maxDuration = "5m")
    void anyBytesReadAndDecodeOrFailCleanly(byte[] capture) throws IOException {
        LinkDecoder decoder = new LinkDecoder();
        DecodedPacket out = new DecodedPacket();
        CaptureRecord r = new CaptureRecord();
        long frames = 0;
        try (PacketSource source = CaptureReaders.open(NAME, new ByteArrayInputStream(capture))) {
            while (source.next(r)) {
                frames++;
                assertThat(r.frameNumber).isEqualTo(frames);
                assertThat(r.capturedLength).isBetween(0, Math.min(capture.length, CaptureReaders.MAX_RECORD_LENGTH));
                assertThat(r.dataOffset).isNotNegative();
                assertThat((long) r.dataOffset + r.capturedLength).isLessThanOrEqualTo(r.data.capacity());
                assertThat(r.fileOffset).isBetween(0L, (long) capture.length - r.capturedLength);
                decoder.decode(r, out);
                assertThat(decoder.guardTrips()).as("reads that escaped the bounds checks").isZero();
                assertThat(out.statusLabel()).isNotEmpty();
                if (out.ipOffset >= 0 && out.ipVersion != 0) {
                    assertThat(out.ipOffset).isLessThan(r.capturedLength);
                }
                if (out.payloadOffset >= 0) {
                    assertThat(out.payloadLength).isNotNegative();
                    assertThat((long) out.payloadOffset + out.payloadLength).isLessThanOrEqualTo(r.capturedLength);
                }
            }
        } catch (CaptureFormatException e) {
            assertThat(e.getMessage()).startsWith(NAME + ": ");
        }
    }
}
