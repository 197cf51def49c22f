package org.iotevent.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential test against a live tshark: pcapng interfaces with unusual {@code if_tsresol}
 * and {@code if_tsoffset} values, and timestamps up to the unsigned 64-bit maximum, must give
 * the {@code frame.time_epoch} tshark prints. Resolutions finer than 10^-10 s or 2^-34 s are
 * left out: tshark's 64-bit arithmetic overflows there, where this reader stays exact.
 */
class TsharkTimestampTest {
    /** if_tsresol bytes: 10^-3, 10^-7, 10^-10, 1 s, 2^-10, 2^-20, 2^-30, 2^-34. */
    private static final int[] RESOLUTIONS = {3, 7, 10, 0, 0x8A, 0x94, 0x9E, 0xA2};
    private static final long[] OFFSETS = {-1000, 1_700_000_000L};
    private static final long[] UNITS = {1_700_000_000_123_456_789L, Long.MIN_VALUE + 12345, 987_654_321_987_654_321L,
        12345, -1L, 0};

    @TempDir
    Path dir;

    @Test
    void timesMatchTshark() throws IOException, InterruptedException {
        assumeTrue(PcapngWriterTest.onPath("tshark"), "tshark is not installed (Debian package tshark)");
        CaptureBytes b = CaptureBytes.in(ByteOrder.LITTLE_ENDIAN).shb();
        for (int resolution : RESOLUTIONS) {
            b.idb(LinkType.ETHERNET, 0, b.option(9, new byte[] {(byte) resolution}));
        }
        for (long offset : OFFSETS) {
            byte[] options = CaptureBytes.in(ByteOrder.LITTLE_ENDIAN).put(b.option(9, new byte[] {6}))
                    .u16(14).u16(8).u64(offset).bytes();
            b.idb(LinkType.ETHERNET, 0, options);
        }
        int interfaces = RESOLUTIONS.length + OFFSETS.length;
        for (int iface = 0; iface < interfaces; iface++) {
            for (long units : UNITS) {
                b.epb(iface, units, 14, new byte[14]);
            }
        }
        Path file = dir.resolve("times.pcapng");
        Files.write(file, b.bytes());

        List<String> ours = new ArrayList<>();
        for (Records.Row row : Records.readAll(() -> CaptureReaders.open(file)).rows()) {
            ours.add(row.interfaceId() + "\t" + row.seconds() + "." + String.format("%09d", row.fractionNanos()));
        }
        Process p = new ProcessBuilder("tshark", "-n", "-r", file.toString(), "-T", "fields", "-e",
                "frame.interface_id", "-e", "frame.time_epoch").redirectError(dir.resolve("err").toFile()).start();
        List<String> theirs = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("err"))).isZero();
        assertThat(ours).hasSize(interfaces * UNITS.length).containsExactlyElementsOf(theirs);
    }
}
