package org.iotevent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.iotevent.traffic.SyntheticHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13: one record stamped in 2106 in the middle of a capture is reported and set aside. */
class CorruptTimestampTest {
    @TempDir
    Path dir;

    /** Overwrites ts_sec of pcap record {@code frame} (1-based). */
    static void corrupt(Path pcap, int frame, int tsSec) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(pcap));
        b.order(b.getInt(0) == 0xa1b2c3d4 || b.getInt(0) == 0xa1b23c4d ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int at = 24;
        for (int i = 1; i < frame; i++) {
            at += 16 + b.getInt(at + 8);
        }
        b.putInt(at, tsSec);
        Files.write(pcap, b.array());
    }

    @Test
    void aCorruptedTimestampIsReportedAndDoesNotMergeTheRest() throws Exception {
        Path lan = dir.resolve("lan.pcap");
        Path events = dir.resolve("events.csv");
        SyntheticHome.writeLog(events, SyntheticHome.write(lan, SyntheticHome.Vantage.LAN, 40, 1));
        Path sig = dir.resolve("plug.json");
        assertThat(Cli.run("train", "-r", lan.toString(), "--events", events.toString(), "--device",
                SyntheticHome.PLUG_IP, "-o", sig.toString()).exit()).isZero();
        Cli clean = Cli.run("detect", "-r", lan.toString(), "-s", sig.toString(), "--format", "jsonl");
        long cleanBursts = clean.out().lines().count();

        corrupt(lan, 300, 0xFFFFFF00);
        Cli r = Cli.run("detect", "-r", lan.toString(), "-s", sig.toString(), "--format", "jsonl");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("iotevent: warning: " + lan + " record 300: timestamp 2106-")
                .contains("jumps more than a day forward");
        // the record lies in a burst or between two; either way every other burst stays as it was
        assertThat(r.out().lines().count()).isBetween(cleanBursts - 1, cleanBursts + 1);

        Cli t = Cli.run("train", "-r", lan.toString(), "--events", events.toString(), "--device", SyntheticHome.PLUG_IP,
                "-o", dir.resolve("again.json").toString());
        assertThat(t.exit()).isZero();
        assertThat(t.err()).contains("record 300");
    }
}
