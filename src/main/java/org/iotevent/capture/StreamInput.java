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
    private final InputStream in;
    private final byte[] buffer;

    /**
     * @param in the stream, closed by {@link #close()}
     * @param capacity buffer length in bytes, the largest fill allowed
     */
    StreamInput(InputStream in, int capacity) {
        this.in = in;
        this.buffer = new byte[capacity];
        window(ByteBuffer.wrap(buffer), 0, 0);
    }

    @Override
    boolean refill(long offset, int length) throws IOException {
        if (length > buffer.length) {
            throw new IllegalArgumentException("fill of " + length + " bytes > buffer " + buffer.length);
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
        return buffer.length;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
