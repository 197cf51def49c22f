package org.iotevent.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.iotevent.capture.CaptureReaders;
import org.iotevent.capture.CaptureRecord;
import org.iotevent.capture.PacketSource;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every packet of the test capture set (src/test/resources/captures) decoded again from each of its prefixes, as a snap length
 * would cut it: never an exception; a packet that decodes ok whole is ok or truncated (never
 * malformed) when cut, and where it is still ok its header fields are unchanged.
 */
class CutRecordTest {
    /** Prefix lengths tried: every length up to this, then every 7th. */
    private static final int DENSE_PREFIX = 160;

    @TestFactory
    Stream<DynamicTest> everyPrefixOfEveryPacketDecodesCleanly() throws IOException {
        return Oracle.testEach(CutRecordTest::check);
    }

    private static void check(Path capture) throws IOException {
        LinkDecoder decoder = new LinkDecoder();
        DecodedPacket whole = new DecodedPacket();
        DecodedPacket cut = new DecodedPacket();
        CaptureRecord record = new CaptureRecord();
        CaptureRecord prefix = new CaptureRecord();
        List<String> problems = new ArrayList<>();
        try (PacketSource source = CaptureReaders.open(capture)) {
            while (source.next(record) && problems.size() < 20) {
                decoder.decode(record, whole);
                byte[] bytes = record.copyBytes();
                prefix.data = ByteBuffer.wrap(bytes);
                prefix.dataOffset = 0;
                prefix.linkType = record.linkType;
                prefix.fcsLength = record.fcsLength;
                prefix.wireLength = record.wireLength;
                prefix.frameNumber = record.frameNumber;
                for (int n = 0; n < bytes.length; n = n < DENSE_PREFIX ? n + 1 : n + 7) {
                    prefix.capturedLength = n;
                    decoder.decode(prefix, cut);
                    String problem = compare(whole, cut);
                    if (problem != null) {
                        problems.add("frame " + record.frameNumber + " cut to " + n + " bytes: " + problem);
                        break;
                    }
                }
            }
        } catch (IOException e) {
            // A damaged file: the packets before the fault were checked; the reader tests cover the fault.
        }
        assertThat(decoder.guardTrips()).isZero();
        assertThat(problems).as("%s", capture.getFileName()).isEmpty();
    }

    private static String compare(DecodedPacket whole, DecodedPacket cut) {
        if (cut.status != Status.OK && cut.stoppedLayer == null) {
            return "status without a layer";
        }
        if (whole.status != Status.OK) {
            return null;
        }
        if (cut.status == Status.MALFORMED) {
            return "sound packet became " + cut.statusLabel();
        }
        if (cut.status == Status.OK && (cut.linkSrc != whole.linkSrc || cut.wlanTa != whole.wlanTa
                || cut.ipProto != whole.ipProto || cut.ipSrcLo != whole.ipSrcLo || cut.ipDstHi != whole.ipDstHi
                || cut.srcPort != whole.srcPort || cut.dstPort != whole.dstPort || cut.ipLength != whole.ipLength)) {
            return "ok when cut, but with other header fields";
        }
        return null;
    }
}
