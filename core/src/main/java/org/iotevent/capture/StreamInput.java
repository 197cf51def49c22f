package org.iotevent.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A capture read sequentially from a channel (a file, standard input, a pipe) through one
 * bounded buffer that is compacted and refilled as the reader moves on. Reads block only until
 * the bytes asked for have arrived, so packets of a live {@code tcpdump -U -w -} come out as
 * they are written. A regular file is read up to its size when opened, as a mapped one is: a
 * capture still being written is read up to that point, and one cut shorter meanwhile is an error
 * naming it ({@link CaptureFormatException#changedWhileRead}).
 */
final class StreamInput extends ByteInput {
    private final ReadableByteChannel in;
    private final int capacity;
    private final boolean direct;
    /** For a regular file: its name and its size when opened, where reading ends; else null and no end. */
    private final String file;
    private final long size;
    private ByteBuffer buffer;

    /**
     * @param in the channel, closed by {@link #close()}
     * @param initial first buffer length in bytes; the buffer doubles up to {@code capacity} when a
     *     fill needs it
     * @param capacity largest buffer length in bytes, the largest fill allowed
     * @param direct whether to use a direct buffer (for file channels: one copy less)
     */
    StreamInput(ReadableByteChannel in, int initial, int capacity, boolean direct) {
        this(in, initial, capacity, direct, null, Long.MAX_VALUE);
    }

    private StreamInput(ReadableByteChannel in, int initial, int capacity, boolean direct, String file, long size) {
        this.in = in;
        this.capacity = capacity;
        this.direct = direct;
        this.file = file;
        this.size = size;
        this.buffer = allocate(Math.min(initial, capacity));
        window(buffer, 0, 0);
    }

    /**
     * The file {@code file} read through a direct buffer, a regular file up to its size now (a pipe
     * or a device to its end); the channel is closed when this fails.
     */
    static StreamInput ofFile(Path file, int initial, int capacity) throws IOException {
        FileChannel channel = FileChannel.open(file);
        try {
            boolean regular = Files.isRegularFile(file);
            return new StreamInput(channel, initial, capacity, true, regular ? file.toString() : null,
                    regular ? channel.size() : Long.MAX_VALUE);
        } catch (IOException | RuntimeException | Error e) {
            channel.close();
            throw e;
        }
    }

    private ByteBuffer allocate(int size) {
        return direct ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size);
    }

    @Override
    boolean refill(long offset, int length) throws IOException {
        if (length > capacity) {
            throw new IllegalArgumentException("fill of " + length + " bytes > buffer capacity " + capacity);
        }
        if (offset < start || offset > end) {
            throw new IllegalArgumentException("fill at " + offset + " outside the window " + start + ".." + end
                    + ": readers move forward through filled bytes only");
        }
        int keep = (int) (end - offset);
        buffer.limit((int) (end - start)).position((int) (offset - start));
        if (length > buffer.capacity()) {
            ByteBuffer larger = allocate(grownSize(length));
            larger.put(buffer);
            buffer = larger;
            window(buffer, offset, offset + keep);
        } else {
            buffer.compact();
            start = offset;
            end = offset + keep;
        }
        int valid = keep;
        buffer.limit((int) Math.min(buffer.capacity(), size - start)).position(valid);
        while (valid < length && buffer.hasRemaining()) {
            int n = in.read(buffer);
            if (n < 0) {
                if (file != null) {
                    throw CaptureFormatException.changedWhileRead(file, offset);
                }
                break;
            }
            valid += n;
        }
        end = start + valid;
        return valid >= length;
    }

    private int grownSize(int length) {
        int size = buffer.capacity();
        while (size < length) {
            size = Math.min(capacity, size * 2);
        }
        return size;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
