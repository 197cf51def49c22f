package org.iotevent.sim;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads back the classic little-endian nanosecond pcap files the simulator writes (test helper). */
final class PcapFile {
    /** One frame: its time in ns since the epoch and its bytes. */
    record Frame(long timeNanos, byte[] bytes) {
        int u8(int at) {
            return bytes[at] & 0xff;
        }

        int u16(int at) {
            return u8(at) << 8 | u8(at + 1);
        }

        long u32(int at) {
            return (long) u16(at) << 16 | u16(at + 2);
        }
    }

    final int linkType;
    final List<Frame> frames;

    private PcapFile(int linkType, List<Frame> frames) {
        this.linkType = linkType;
        this.frames = frames;
    }

    /** Frame {@code number}, 1-based as in Wireshark. */
    Frame frame(long number) {
        return frames.get((int) number - 1);
    }

    static PcapFile read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt() != 0xa1b23c4d) {
            throw new IOException(file + ": not a nanosecond pcap");
        }
        b.position(20);
        int linkType = b.getInt();
        List<Frame> frames = new ArrayList<>();
        while (b.remaining() >= 16) {
            long s = Integer.toUnsignedLong(b.getInt());
            long ns = Integer.toUnsignedLong(b.getInt());
            int caplen = b.getInt();
            int wire = b.getInt();
            if (caplen != wire || caplen > b.remaining()) {
                throw new IOException(file + ": bad record at " + (b.position() - 16));
            }
            byte[] bytes = new byte[caplen];
            b.get(bytes);
            frames.add(new Frame(s * 1_000_000_000L + ns, bytes));
        }
        if (b.hasRemaining()) {
            throw new IOException(file + ": trailing bytes");
        }
        return new PcapFile(linkType, frames);
    }
}
