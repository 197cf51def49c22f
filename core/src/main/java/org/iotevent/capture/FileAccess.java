package org.iotevent.capture;

import java.io.IOException;
import java.nio.file.Path;

/**
 * How a capture file is read. One or two files read at once are mapped, a second
 * thread mapping and touching each one's windows ahead of the reader (no copy, no page fault on
 * the reading thread). Each such file keeps that thread and 16-25 MB of page cache mapped ahead of
 * its reader, so more than two files read at once (several {@code -r}, a panel's homes merged on
 * one timeline) are read through a small buffer each instead: 200 homes held 5 GB resident mapped
 * against 131 MB, and from three files on, buffers read as fast or faster on two cores
 * (docs/performance.md, round 9).
 */
public enum FileAccess {
    /**
     * Windows mapped and touched ahead by a second thread ({@link CaptureReaders#open(Path)}; a gzip
     * file, or one its file system cannot map, still goes through a buffer).
     */
    MAPPED,
    /** A buffer of 64 KiB, grown for a long record, or a gzip file's stream: no thread, nothing mapped. */
    BUFFERED;

    /** Files read at once up to which each is mapped (two: a home's LAN and WAN captures, say; the memory is the reason). */
    public static final int MAPPED_AT_ONCE = 2;

    /** The access for each of {@code files} capture files read at the same time. */
    public static FileAccess forFilesAtOnce(int files) {
        return files <= MAPPED_AT_ONCE ? MAPPED : BUFFERED;
    }

    /**
     * Opens {@code file} this way.
     *
     * @throws CaptureFormatException when the file is not a capture or its header is invalid
     * @throws IOException when the file cannot be opened
     */
    public PacketSource open(Path file) throws IOException {
        return CaptureReaders.open(file, this);
    }
}
