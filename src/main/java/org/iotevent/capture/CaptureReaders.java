package org.iotevent.capture;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Opens a capture as a {@link PacketSource}, choosing classic pcap or pcapng from the magic
 * number at the start of the input (never from the file name).
 */
public final class CaptureReaders {
    /** Largest captured length of one packet accepted, in bytes (256 KiB, as libpcap and Wireshark). */
    public static final int MAX_RECORD_LENGTH = 262_144;
    /** Heap buffer for stream input, in bytes: the largest pcapng block plus room to refill. */
    static final int STREAM_BUFFER = 512 * 1024;

    private CaptureReaders() {}

    /**
     * Opens a capture file, read sequentially through a bounded direct buffer of at most
     * {@value #STREAM_BUFFER} bytes (files of any size; measured faster than mapping here).
     *
     * @throws CaptureFormatException when the file is not a capture or its header is invalid
     * @throws IOException when the file cannot be opened
     */
    public static PacketSource open(Path file) throws IOException {
        return open(file.toString(), new StreamInput(FileChannel.open(file), 256 * 1024, STREAM_BUFFER, true));
    }

    /**
     * Opens a capture file read through a memory-mapped window of 256 MiB that moves forward
     * with the reader (files of any size; address space, not heap).
     *
     * @throws CaptureFormatException when the file is not a capture or its header is invalid
     * @throws IOException when the file cannot be opened or mapped
     */
    public static PacketSource openMapped(Path file) throws IOException {
        return open(file, MappedFileInput.DEFAULT_WINDOW);
    }

    /** As {@link #openMapped(Path)} with a given window length in bytes (tests use small windows). */
    static PacketSource open(Path file, int window) throws IOException {
        return open(file.toString(), new MappedFileInput(file, window));
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
        return open(name, new StreamInput(new StreamChannel(in), 64 * 1024, STREAM_BUFFER, false));
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
                    + " (pcap, either byte order) or 0x0a0d0d0a (pcapng)"
                    + ((magic >>> 16) == 0x1f8b ? "; it looks gzip-compressed: gunzip it first" : ""));
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
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
