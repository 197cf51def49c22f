package org.iotevent.capture;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Opens a capture as a {@link PacketSource}, choosing classic pcap or pcapng from the magic
 * number at the start of the input (never from the file name). A gzip-compressed capture (file or
 * stream) is decompressed on the fly, as Wireshark reads one.
 */
public final class CaptureReaders {
    /** Largest captured length of one packet accepted, in bytes (256 KiB, as libpcap and Wireshark). */
    public static final int MAX_RECORD_LENGTH = 262_144;
    /** Largest buffer of a capture read through one (not mapped), in bytes: the largest pcapng block plus room to refill. */
    static final int STREAM_BUFFER = 512 * 1024;

    private CaptureReaders() {}

    /**
     * Opens a capture file. A regular file is read through windows mapped and touched ahead of the
     * reader by a second thread ({@link MappedFileInput}: no copy of the bytes and no page fault on
     * the reading thread); what is not a regular file (a pipe, a device), or a file that cannot be
     * mapped, through a bounded direct buffer of at most {@value #STREAM_BUFFER} bytes.
     *
     * @throws CaptureFormatException when the file is not a capture or its header is invalid
     * @throws IOException when the file cannot be opened
     */
    public static PacketSource open(Path file) throws IOException {
        return open(file, FileAccess.MAPPED);
    }

    /**
     * Opens a capture file read with {@code access}: as {@link #open(Path)} when mapped; through a
     * direct buffer of 64 KiB that grows for a long record (up to {@value #STREAM_BUFFER} bytes) when
     * buffered, with no look-ahead thread. A gzip file is read through its stream either way.
     *
     * @throws CaptureFormatException when the file is not a capture or its header is invalid
     * @throws IOException when the file cannot be opened
     */
    static PacketSource open(Path file, FileAccess access) throws IOException {
        if (isGzip(file)) {
            return open(file.toString(), Files.newInputStream(file));
        }
        if (access == FileAccess.MAPPED && Files.isRegularFile(file)) {
            try {
                return openMapped(file);
            } catch (MappedFileInput.CannotMap e) {
                // a file system that cannot map it: read it into a buffer (and meet any other fault there)
            }
        }
        return openBuffered(file);
    }

    /**
     * Opens a capture file (not compressed) read through a direct buffer of 64 KiB growing for a
     * long record, whatever its size; a regular file up to its size when opened.
     */
    static PacketSource openBuffered(Path file) throws IOException {
        return open(file.toString(), StreamInput.ofFile(file, 64 * 1024, STREAM_BUFFER));
    }

    /** True when the file starts with the gzip magic (0x1f 0x8b), whatever its name. */
    public static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    /**
     * Opens a capture file (not compressed) read through memory-mapped windows of 8 MiB, mapped and
     * touched ahead of the reader by a second thread, whatever its size.
     *
     * @throws CaptureFormatException when the file is not a capture or its header is invalid
     * @throws IOException when the file cannot be opened or mapped
     */
    static PacketSource openMapped(Path file) throws IOException {
        return open(file, MappedFileInput.WINDOW, MappedFileInput.OVERLAP);
    }

    /** As {@link #openMapped(Path)} with a given grid of windows, in bytes (tests use small windows). */
    static PacketSource open(Path file, int window, int overlap) throws IOException {
        return open(file.toString(), new MappedFileInput(file, window, overlap));
    }

    /**
     * Opens a capture stream, as {@code tcpdump -U -w -} or {@code dumpcap -w -} write it, read
     * through a fixed buffer of {@value #STREAM_BUFFER} bytes. Blocks until the header arrived.
     *
     * @param name the input's name for messages, {@code "-"} for standard input
     * @param in the stream, closed with the returned source
     * @throws CaptureFormatException when the stream is not a capture or its header is invalid
     */
    public static PacketSource open(String name, InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 64 * 1024);
        buffered.mark(2);
        boolean gzip = buffered.read() == 0x1f && buffered.read() == 0x8b;
        buffered.reset();
        InputStream stream = gzip ? gunzip(name, buffered) : buffered;
        return open(name, new StreamInput(new StreamChannel(stream), 64 * 1024, STREAM_BUFFER, false));
    }

    private static InputStream gunzip(String name, InputStream in) throws IOException {
        GZIPInputStream gzip;
        try {
            gzip = new GZIPInputStream(in, 64 * 1024);
        } catch (ZipException | EOFException e) {
            in.close();
            throw new CaptureFormatException(name + ": gzip-compressed, but its gzip header is damaged: " + e.getMessage());
        }
        // a cut or damaged compressed stream: name the input, as for a damaged capture
        return new FilterInputStream(gzip) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return super.read(b, off, len);
                } catch (ZipException | EOFException e) {
                    throw new CaptureFormatException(name + ": the gzip-compressed data is cut or damaged ("
                            + e.getMessage() + "); the packets before were read");
                }
            }
        };
    }

    private static PacketSource open(String name, ByteInput in) throws IOException {
        try {
            if (!in.fill(0, 4)) {
                long found = in.available(0);
                throw new CaptureFormatException(name + ": " + (found == 0 ? "empty input"
                        : "only " + found + " bytes") + ", too short for a pcap or pcapng header");
            }
            in.order(ByteOrder.BIG_ENDIAN);
            int magic = in.header.getInt((int) -in.start);
            if (magic == PcapngReader.SHB) {
                return new PcapngReader(name, in);
            }
            if (isCaptureMagic(magic)) {
                return new PcapReader(name, in);
            }
            throw new CaptureFormatException(name + ": not a pcap or pcapng capture: magic number "
                    + String.format("0x%08x", magic) + " at offset 0, expected 0xa1b2c3d4 or 0xa1b23c4d"
                    + " (pcap, either byte order) or 0x0a0d0d0a (pcapng)");
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        } catch (InternalError e) {
            in.close();
            throw CaptureFormatException.changedWhileRead(e, name, 0);
        }
    }

    /** True for the first four bytes (read big-endian) of a pcap file in either byte order or of a pcapng file. */
    static boolean isCaptureMagic(int magic) {
        return magic == PcapngReader.SHB || isPcapMagic(magic) || isPcapMagic(Integer.reverseBytes(magic));
    }

    private static boolean isPcapMagic(int magic) {
        return magic == PcapReader.MAGIC_MICROS || magic == PcapReader.MAGIC_NANOS;
    }

    /** An input stream as a channel that reads straight into heap buffers' arrays (no extra copy). */
    private static final class StreamChannel implements ReadableByteChannel {
        private final InputStream in;
        private boolean open = true;

        StreamChannel(InputStream in) {
            this.in = in;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            int n = in.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
            if (n > 0) {
                dst.position(dst.position() + n);
            }
            return n;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() throws IOException {
            open = false;
            in.close();
        }
    }
}
