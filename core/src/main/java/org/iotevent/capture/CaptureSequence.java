package org.iotevent.capture;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Several capture files read one after the other as one capture: the rotated files of a
 * capture campaign ({@code capture-001.pcap}, {@code capture-001.pcap1}, ..., {@code capture-002.pcap}). Frame numbers
 * continue across files. A damaged file (one cut by a power loss) gives its good packets, the
 * fault is reported, and reading goes on with the next file. Files that would count packets
 * twice are caught: an identical copy is skipped, captures of different link types (a LAN and a
 * WiFi capture of one session) are refused, and files that overlap in time are reported.
 */
public final class CaptureSequence implements PacketSource {
    private final String name;
    private final List<Path> files;
    private final Map<Path, Long> firstTime;
    private final Consumer<String> warnings;
    private int next;
    private PacketSource current;
    private long framesBefore;
    private long lastFrame;
    private long lastTime = Long.MIN_VALUE;
    private Path previous;

    private final FileAccess access;

    private CaptureSequence(String name, List<Path> files, Map<Path, Long> firstTime, Consumer<String> warnings,
            FileAccess access) {
        this.name = name;
        this.files = List.copyOf(files);
        this.firstTime = firstTime;
        this.warnings = warnings;
        this.access = access;
    }

    /** As {@link #openDirectory(Path, Consumer)}, the warnings dropped (to list the files). */
    public static CaptureSequence openDirectory(Path directory) throws IOException {
        return openDirectory(directory, w -> {});
    }

    /**
     * Opens the capture files of {@code directory}, in the order of their first packet's time
     * (names break ties): tcpdump's rotation names ({@code capture-001.pcap9},
     * {@code capture-001.pcap10}) do not sort, dumpcap's carry a date. A file is a capture when
     * it starts with a pcap, pcapng or gzip magic number (the name is not looked at); other files
     * (event logs, journals) are passed over. A file whose first packet cannot be read goes last.
     * A file identical to another is skipped (said on {@code warnings}).
     *
     * @param warnings receives one line for each skipped copy, damaged file and overlap
     * @throws CaptureFormatException when the directory holds no capture file, or captures of
     *     different link types
     */
    public static CaptureSequence openDirectory(Path directory, Consumer<String> warnings) throws IOException {
        return openDirectory(directory, warnings, FileAccess.MAPPED);
    }

    /** As {@link #openDirectory(Path, Consumer)}, each file read with {@code access}. */
    public static CaptureSequence openDirectory(Path directory, Consumer<String> warnings, FileAccess access)
            throws IOException {
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
        for (Map.Entry<Path, Path> copy : identicalCopies(captures).entrySet()) {
            warnings.accept(copy.getKey() + " is identical to " + copy.getValue() + ": skipped (its packets would count twice)");
            captures.remove(copy.getKey());
        }
        Map<Path, Long> firstTime = new HashMap<>();
        Map<Path, Integer> linkType = new HashMap<>();
        for (Path file : captures) {
            CaptureRecord first = firstPacket(file);
            firstTime.put(file, first != null && first.hasTimestamp ? first.timestampNanos : Long.MAX_VALUE);
            if (first != null) {
                linkType.put(file, first.linkType);
            }
        }
        refuseMixedLinkTypes(directory, captures, linkType);
        captures.sort(Comparator.comparing((Path file) -> firstTime.get(file)).thenComparing(Comparator.naturalOrder()));
        return new CaptureSequence(directory.toString(), captures, firstTime, warnings, access);
    }

    /**
     * Each file whose bytes equal an earlier file's (in the given order), with that earlier file.
     * Only files of equal size are compared, and a comparison stops at the first differing byte.
     */
    public static Map<Path, Path> identicalCopies(List<Path> files) throws IOException {
        Map<Path, Path> copies = new LinkedHashMap<>();
        Map<Long, List<Path>> bySize = new HashMap<>();
        for (Path b : files) {
            List<Path> sameSize = bySize.computeIfAbsent(Files.size(b), size -> new ArrayList<>());
            for (Path a : sameSize) {
                if (Files.mismatch(a, b) == -1) {
                    copies.put(b, a);
                    break;
                }
            }
            if (!copies.containsKey(b)) {
                sameSize.add(b);
            }
        }
        return copies;
    }

    private static void refuseMixedLinkTypes(Path directory, List<Path> files, Map<Path, Integer> linkType)
            throws CaptureFormatException {
        Map<Integer, Path> byType = new TreeMap<>();
        for (Path f : files) {
            if (linkType.containsKey(f)) {
                byType.putIfAbsent(linkType.get(f), f);
            }
        }
        if (byType.size() > 1) {
            StringBuilder which = new StringBuilder();
            byType.forEach((type, file) -> which.append(which.length() == 0 ? "" : ", ").append(file.getFileName())
                    .append(" is ").append(LinkType.name(type)));
            throw new CaptureFormatException(directory + ": captures of different link types (" + which
                    + "): captures from several vantage points (a LAN and a WiFi capture of one session) would count "
                    + "each event twice; read one vantage point at a time");
        }
    }

    /** A copy of the file's first record (bytes not kept), or null when it has none or it cannot be read. */
    private static CaptureRecord firstPacket(Path file) throws IOException {
        try (PacketSource source = FileAccess.BUFFERED.open(file)) {
            CaptureRecord first = new CaptureRecord();
            return source.next(first) ? first : null;
        } catch (CaptureFormatException e) {
            return null;
        }
    }

    /** The files read, in order. */
    public List<Path> files() {
        return files;
    }

    static boolean startsWithCaptureMagic(Path file) throws IOException {
        byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, 4) < 4) {
                return false;
            }
        }
        int magic = ((head[0] & 0xFF) << 24) | ((head[1] & 0xFF) << 16) | ((head[2] & 0xFF) << 8) | (head[3] & 0xFF);
        return CaptureReaders.isCaptureMagic(magic) || (magic >>> 16) == 0x1f8b;
    }

    @Override
    public boolean next(CaptureRecord into) throws IOException {
        while (true) {
            if (current == null) {
                if (next == files.size()) {
                    return false;
                }
                framesBefore = lastFrame;
                Path file = files.get(next++);
                long start = firstTime.get(file);
                if (previous != null && start != Long.MAX_VALUE && start < lastTime) {
                    warnings.accept(file + " begins (" + Instant.ofEpochSecond(0, start) + ") before " + previous
                            + " ends (" + Instant.ofEpochSecond(0, lastTime) + "): the files overlap in time (two captures"
                            + " of one session?); each is read whole, one after the other");
                }
                previous = file;
                try {
                    current = access.open(file);
                } catch (CaptureFormatException e) {
                    warnings.accept(e.getMessage() + "; skipped" + goingOn());
                    continue;
                }
            }
            boolean more;
            try {
                more = current.next(into);
            } catch (CaptureFormatException e) {
                // a torn file (power loss): keep what was read, say where it was cut, read on
                warnings.accept(e.getMessage() + "; its " + (lastFrame - framesBefore) + " packets before were read"
                        + goingOn());
                more = false;
            }
            if (more) {
                into.frameNumber += framesBefore;
                lastFrame = into.frameNumber;
                if (into.hasTimestamp) {
                    lastTime = Math.max(lastTime, into.timestampNanos);
                }
                return true;
            }
            current.close();
            current = null;
        }
    }

    private String goingOn() {
        return next < files.size() ? "; going on with " + files.get(next) : "";
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
