package org.iotevent.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * A capture read sequentially from a channel (a file, standard input, a pipe) through one
 * bounded buffer that is compacted and refilled as the reader moves on. Reads block only until
 * the bytes asked for have arrived, so packets of a live {@code tcpdump -U -w -} come out as
 * they are written.
 */
final class StreamInput extends ByteInput {
    private final ReadableByteChannel in;
    private final int capacity;
    private final boolean direct;
    private ByteBuffer buffer;

    /**
     * @param in the channel, closed by {@link #close()}
     * @param initial first buffer length in bytes; the buffer doubles up to {@code capacity} when a
     *     fill needs it
     * @param capacity largest buffer length in bytes, the largest fill allowed
     * @param direct whether to use a direct buffer (for file channels: one copy less)
     */
    StreamInput(ReadableByteChannel in, int initial, int capacity, boolean direct) {
        this.in = in;
        this.capacity = capacity;
        this.direct = direct;
        this.buffer = allocate(Math.min(initial, capacity));
        window(buffer, 0, 0);
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
        buffer.limit(buffer.capacity()).position(valid);
        while (valid < length) {
            int n = in.read(buffer);
            if (n < 0) {
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
