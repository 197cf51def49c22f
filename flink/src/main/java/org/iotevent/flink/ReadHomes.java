package org.iotevent.flink;

import java.nio.file.Path;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.iotevent.capture.HomeCaptures;
import org.iotevent.capture.PacketRecords;

/**
 * The batch source: every home of a folder of captures (a file or a subfolder per home), read
 * together on the common timeline as {@code iotevent publish --homes} sends them: each home's first
 * packet at the start, its packets at their time since then. Runs as one task: reading in timeline
 * order is what keeps every home's packets ahead of the watermark, however its clock is set.
 */
final class ReadHomes extends ProcessFunction<String, RawPacket> {
    @Override
    public void processElement(String folder, Context ctx, Collector<RawPacket> out) throws Exception {
        HomeCaptures.merge(HomeCaptures.list(Path.of(folder)), (home, record, timeline) -> out.collect(
                new RawPacket(home, PacketRecords.encode(record), Math.floorDiv(timeline, 1_000_000L))));
    }
}
