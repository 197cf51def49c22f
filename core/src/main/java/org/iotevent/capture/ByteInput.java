package org.iotevent.capture;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Sequential access to the bytes of a capture through a bounded window: a reader asks for a
 * range with {@link #fill}, then reads it with absolute gets at {@code offset - start}. Ranges
 * before the last one filled may be discarded. Not thread-safe.
 */
abstract class ByteInput implements Closeable {
    /** The window, in the capture's byte order (set by {@link #order}); for header fields. */
    ByteBuffer header;
    /** The same bytes in big-endian (network) order; handed out as {@link CaptureRecord#data}. */
    ByteBuffer data;
    /** Input offset of index 0 of {@link #header} and {@link #data}. */
    long start;
    /** Input offset just past the last valid byte of the window. */
    long end;

    private ByteOrder order = ByteOrder.BIG_ENDIAN;

    /**
     * Makes bytes {@code [offset, offset + length)} readable in the window.
     *
     * @param offset input offset, between the start of the previous fill and the end of the bytes
     *     it made readable
     * @param length number of bytes; at most the buffer capacity of a stream input
     * @return false when the input ends before {@code offset + length}; {@link #available} then
     *     tells how many bytes there were
     */
    final boolean fill(long offset, int length) throws IOException {
        return offset + length <= end || refill(offset, length);
    }

    /** Slow path of {@link #fill}: moves or reloads the window. */
    abstract boolean refill(long offset, int length) throws IOException;

    /**
     * True when the input is now shorter than {@code offset}: a mapped file cut by another program
     * reads as zeros up to the end of its last page, so a reader checks when a record looks empty.
     */
    boolean shrunkBefore(long offset) throws IOException {
        return false;
    }

    /** Number of bytes of input from {@code offset} on that the window holds (after a failed fill: all there were). */
    final long available(long offset) {
        return Math.max(0, end - offset);
    }

    /** Sets the byte order of {@link #header}. */
    final void order(ByteOrder newOrder) {
        order = newOrder;
        if (header != null) {
            header.order(newOrder);
        }
    }

    /** Installs a new window buffer; called by subclasses. */
    final void window(ByteBuffer buffer, long windowStart, long windowEnd) {
        header = buffer.duplicate().clear().order(order);
        data = buffer.duplicate().clear().order(ByteOrder.BIG_ENDIAN);
        start = windowStart;
        end = windowEnd;
    }
}
