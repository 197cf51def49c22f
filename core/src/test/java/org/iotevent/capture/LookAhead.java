package org.iotevent.capture;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Captures long enough that a mapped file's look-ahead thread outlives the first packet, and those threads counted. */
public final class LookAhead {
    private LookAhead() {}

    /**
     * Records of 4000 bytes in each of {@link #bigCaptures}' files: two mapped windows and a MiB more
     * (the look-ahead thread has the third to map while the reader is in the first).
     */
    public static final int BIG_RECORDS = (2 * MappedFileInput.WINDOW + (1 << 20)) / 4000 + 1;

    /**
     * Writes {@code count} pcap files of three mapped windows (so a mapped file's look-ahead thread
     * is still running after the first packet), each with its own times.
     */
    public static List<Path> bigCaptures(Path dir, int count) throws IOException {
        List<Path> files = new ArrayList<>();
        byte[] frame = new byte[4000];
        for (int f = 0; f < count; f++) {
            Path file = dir.resolve("big-" + f + ".pcap");
            try (OutputStream out = Files.newOutputStream(file); PcapWriter w = new PcapWriter(out, LinkType.ETHERNET)) {
                for (int i = 0; i < BIG_RECORDS; i++) {
                    w.write(1_700_000_000_000_000_000L + i * 1_000_000L + f, frame);
                }
            }
            files.add(file);
        }
        return files;
    }

    /** The look-ahead threads alive for {@code files}. */
    public static long threads(List<Path> files) {
        Set<String> names = files.stream().map(f -> "iotevent-pages " + f).collect(Collectors.toSet());
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && names.contains(t.getName())).count();
    }
}
