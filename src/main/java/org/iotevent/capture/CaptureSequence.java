package org.iotevent.capture;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Several capture files read one after the other as one capture: the rotated files of a
 * capture campaign ({@code capture-001.pcap}, {@code capture-001.pcap1}, ..., {@code capture-002.pcap}). Frame numbers
 * continue across files; each file is opened only when the previous one ended cleanly, and a
 * damaged file's error names that file.
 */
public final class CaptureSequence implements PacketSource {
    private final String name;
    private final List<Path> files;
    private int next;
    private PacketSource current;
    private long framesBefore;
    private long lastFrame;

    private CaptureSequence(String name, List<Path> files) {
        this.name = name;
        this.files = List.copyOf(files);
    }

    /**
     * Opens the capture files of {@code directory}, in the order of their first packet's time
     * (names break ties): tcpdump's rotation names ({@code capture-001.pcap9},
     * {@code capture-001.pcap10}) do not sort, dumpcap's carry a date. A file is a capture when
     * it starts with a pcap or pcapng magic number (the name is not looked at); other files
     * (event logs, journals) are passed over. A file whose first packet cannot be read goes last,
     * where reading it reports its fault after every good packet.
     *
     * @throws CaptureFormatException when the directory holds no capture file
     */
    public static CaptureSequence openDirectory(Path directory) throws IOException {
        List<Path> captures = new ArrayList<>();
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path file : entries.sorted().toList()) {
                if (Files.isRegularFile(file) && Files.isReadable(file) && startsWithCaptureMagic(file)) {
                    captures.add(file);
                }
            }
        }
        if (captures.isEmpty()) {
            throw new CaptureFormatException(directory + ": no pcap or pcapng file in this directory");
        }
        Map<Path, Long> firstTime = new HashMap<>();
        for (Path file : captures) {
            firstTime.put(file, firstPacketNanos(file));
        }
        captures.sort(Comparator.comparing((Path file) -> firstTime.get(file)).thenComparing(Comparator.naturalOrder()));
        return new CaptureSequence(directory.toString(), captures);
    }

    /** The first packet's time, or {@code Long.MAX_VALUE} when it has none or cannot be read. */
    private static long firstPacketNanos(Path file) throws IOException {
        try (PacketSource source = CaptureReaders.open(file)) {
            CaptureRecord first = new CaptureRecord();
            return source.next(first) && first.hasTimestamp ? first.timestampNanos : Long.MAX_VALUE;
        } catch (CaptureFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /** The files read, in order. */
    public List<Path> files() {
        return files;
    }

    private static boolean startsWithCaptureMagic(Path file) throws IOException {
        byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, 4) < 4) {
                return false;
            }
        }
        int magic = ((head[0] & 0xFF) << 24) | ((head[1] & 0xFF) << 16) | ((head[2] & 0xFF) << 8) | (head[3] & 0xFF);
        return CaptureReaders.isCaptureMagic(magic);
    }

    @Override
    public boolean next(CaptureRecord into) throws IOException {
        while (true) {
            if (current == null) {
                if (next == files.size()) {
                    return false;
                }
                framesBefore = lastFrame;
                current = CaptureReaders.open(files.get(next++));
            }
            if (current.next(into)) {
                into.frameNumber += framesBefore;
                lastFrame = into.frameNumber;
                return true;
            }
            current.close();
            current = null;
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() throws IOException {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
