package org.iotevent.bench;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.iotevent.capture.CaptureRecord;
import org.iotevent.capture.LinkType;
import org.iotevent.decode.DecodedPacket;
import org.iotevent.decode.LinkDecoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Every packet of one open A-MSDU of {@code subframes} small UDP subframes (52 bytes each: the
 * largest A-MSDU, 11 454 bytes, holds about 220), decoded as the passes do (decode, then each next
 * subframe): the time should grow with the subframes linearly, not quadratically.
 */
@State(Scope.Thread)
public class AmsduBench extends NanosPerOperation {
    @Param({"2", "20", "200"})
    public int subframes;

    private final CaptureRecord record = new CaptureRecord();
    private final LinkDecoder decoder = new LinkDecoder();
    private final DecodedPacket packet = new DecodedPacket();

    @Setup
    public void frame() {
        HexFormat hex = HexFormat.of();
        ByteBuffer b = ByteBuffer.allocate(26 + 52 * subframes);
        // QoS data from the DS (the AP) to a station, A-MSDU present
        b.put(hex.parseHex("88020000" + "0000000000b2" + "0000000000a1" + "0000000000c3" + "a001" + "8000"));
        byte[] subframe = hex.parseHex("0000000000b2" + "0000000000c3" + "0024" + "aaaa030000000800"
                + "4500001c1234000040110000c0000201c6336402" + "14e9003500080000" + "0000");
        for (int i = 0; i < subframes; i++) {
            b.put(subframe, 0, i + 1 < subframes ? 52 : 50); // no padding after the last
        }
        record.data = b;
        record.dataOffset = 0;
        record.capturedLength = b.position();
        record.wireLength = b.position();
        record.linkType = LinkType.IEEE802_11;
        record.hasTimestamp = true;
        record.frameNumber = 1;
    }

    @Benchmark
    public int everySubframe() {
        int sum = 0;
        decoder.decode(record, packet);
        do {
            sum += packet.dstPort;
        } while (decoder.nextSubframe(record, packet));
        return sum;
    }
}
