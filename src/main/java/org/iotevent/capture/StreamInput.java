package org.iotevent.capture;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * A capture read from a stream (standard input, a pipe) through one fixed heap buffer that is
 * compacted and refilled as the reader moves on. Reads block only until the bytes asked for have
 * arrived, so packets of a live {@code tcpdump -U -w -} come out as they are written.
 */
final class StreamInput extends ByteInput {
    /** First buffer length, in bytes; the buffer doubles up to the capacity when a fill needs it. */
    private static final int INITIAL = 64 * 1024;

    private final InputStream in;
    private final int capacity;
    private byte[] buffer;

    /**
     * @param in the stream, closed by {@link #close()}
     * @param capacity largest buffer length in bytes, the largest fill allowed
     */
    StreamInput(InputStream in, int capacity) {
        this.in = in;
        this.capacity = capacity;
        this.buffer = new byte[Math.min(INITIAL, capacity)];
        window(ByteBuffer.wrap(buffer), 0, 0);
    }

    @Override
    boolean refill(long offset, int length) throws IOException {
        if (length > capacity) {
            throw new IllegalArgumentException("fill of " + length + " bytes > buffer capacity " + capacity);
        }
        if (length > buffer.length) {
            grow(length);
        }
        if (offset >= end) {
            discard(offset - end);
            start = offset;
            end = offset;
        } else if (offset > start) {
            int keep = (int) (end - offset);
            System.arraycopy(buffer, (int) (offset - start), buffer, 0, keep);
            start = offset;
        }
        int valid = (int) (end - start);
        int needed = (int) (offset - start) + length;
        while (valid < needed) {
            int n = in.read(buffer, valid, buffer.length - valid);
            if (n < 0) {
                break;
            }
            valid += n;
            end = start + valid;
        }
        return valid >= needed;
    }

    /** Replaces the buffer by a larger one (at least {@code length}), keeping the valid bytes. */
    private void grow(int length) {
        int size = buffer.length;
        while (size < length) {
            size = Math.min(capacity, size * 2);
        }
        byte[] larger = java.util.Arrays.copyOf(buffer, size);
        long windowStart = start;
        long windowEnd = end;
        buffer = larger;
        window(ByteBuffer.wrap(buffer), windowStart, windowEnd);
    }

    /** Reads and drops {@code count} bytes, for input skipped past the window. */
    private void discard(long count) throws IOException {
        long left = count;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                return;
            }
            left -= n;
        }
    }

    @Override
    int maxFill() {
        return capacity;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
