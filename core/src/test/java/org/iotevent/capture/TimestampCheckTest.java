package org.iotevent.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimestampCheckTest {
    @TempDir
    Path dir;

    private static final long S = 1_000_000_000L;
    private static final long T0 = 1_700_000_000L * S;

    /** Which records keep their timestamp, and the warnings, for packets at {@code times}. */
    private List<String> read(long... times) throws Exception {
        Path pcap = dir.resolve("t.pcap");
        try (PcapWriter w = new PcapWriter(Files.newOutputStream(pcap), LinkType.ETHERNET)) {
            for (long t : times) {
                w.write(t, new byte[60]);
            }
        }
        List<String> seen = new ArrayList<>();
        CaptureRecord r = new CaptureRecord();
        try (TimestampCheck c = new TimestampCheck(CaptureReaders.open(pcap), m -> seen.add("warn " + m))) {
            while (c.next(r)) {
                seen.add(r.frameNumber + (r.hasTimestamp ? " timed" : " set aside"));
            }
        }
        return seen;
    }

    @Test
    void oneRecordFarInTheFutureIsSetAsideAndNamed() throws Exception {
        List<String> seen = read(T0, T0 + S, 0xFFFFFF00L * S, T0 + 2 * S, T0 + 3 * S);
        assertThat(seen).containsExactly("1 timed", "2 timed",
                "warn " + dir.resolve("t.pcap") + " record 3: timestamp 2106-02-07T06:24:00Z jumps more than a day forward from "
                        + "2023-11-14T22:13:21Z; treated as out of order (not put into a burst)",
                "3 set aside", "4 timed", "5 timed");
    }

    @Test
    void oneRecordFarInThePastIsSetAside() throws Exception {
        List<String> seen = read(T0, T0 + S, 0, T0 + 2 * S);
        assertThat(seen).contains("3 set aside", "4 timed").anyMatch(s -> s.contains("goes more than an hour back"));
    }

    @Test
    void aClockThatReallyMovedIsFollowedAfterOneRecord() throws Exception {
        long later = T0 + 3 * 86_400 * S;
        List<String> seen = read(T0, T0 + S, later, later + S, later + 2 * S);
        assertThat(seen).containsSubsequence("2 timed", "3 set aside", "4 timed", "5 timed")
                .anyMatch(s -> s.contains("record 4 agrees with the one before: the capture's time really moved"));
    }
}
