package org.iotevent.capture;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * A capture file read through memory-mapped windows that move forward as the reader does, so
 * files of any size (beyond 2 GiB too) are read without holding them in the heap or copying them.
 *
 * <p>The windows lie on a grid ({@code window} bytes apart, each reaching {@code overlap} bytes
 * into the next, so that a record rarely needs a window of its own). A second thread maps each
 * next window and touches its pages before the reader gets there: the reader then neither copies
 * the bytes (as a read into a buffer does) nor takes the page faults, and a file not in the page
 * cache is read from disk by that thread. The reader unmaps a window once it has moved two
 * windows past it (a record is not read after the next fill; {@link Unmapper}): the memory a
 * long capture maps stays a few windows, whatever its length.
 */
final class MappedFileInput extends ByteInput {
    /** Window step for capture files: three windows resident (read, next, being touched) stay small. */
    static final int WINDOW = 8 << 20;
    /** Bytes a window reaches into the next: more than a record or pcapng block of usual size. */
    static final int OVERLAP = 512 << 10;
    /** Windows the reader keeps mapped: the one it reads and the one before. */
    private static final int KEPT = 2;
    /**
     * The file's first window is let to the reader this many bytes at a time: its fills then take the
     * slow path ({@link #refill}) every few hundred records while the JIT profiles the reader, which
     * it would otherwise first take 8 MiB in, after C2 compiled the reader without it: C2's code
     * then gave way to the interpreter until compiled again (a deoptimisation on the reading thread
     * in the middle of the JIT's warm-up).
     */
    static final int FIRST_STEP = 64 << 10;

    private final String name;
    private final FileChannel channel;
    private final long size;
    private final int window;
    private final int overlap;
    private final PageAhead ahead;
    /** Windows the reader took from the look-ahead thread (for tests: that it does read ahead). */
    long windowsAhead;
    /** The windows the reader used, oldest first, not yet unmapped. */
    private final ArrayDeque<MappedByteBuffer> used = new ArrayDeque<>();
    /** End of the bytes the window holds (0 before the first): beyond {@link #end} while the first is let in steps. */
    private long mappedEnd;

    /**
     * @param path the file
     * @param window the grid's step in bytes; a fill longer than a window maps a longer one
     * @param overlap bytes a window of the grid reaches into the next
     */
    MappedFileInput(Path path, int window, int overlap) throws IOException {
        if (window < 1 || overlap < 0) {
            throw new IllegalArgumentException("window " + window + ", overlap " + overlap);
        }
        this.name = path.toString();
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        this.window = window;
        this.overlap = overlap;
        try {
            this.size = channel.size();
            this.ahead = size > 0 ? new PageAhead() : null;
        } catch (IOException | RuntimeException | Error e) {
            channel.close();
            throw e;
        }
        start = 0;
        end = 0;
    }

    @Override
    boolean shrunkBefore(long offset) throws IOException {
        return channel.size() < offset;
    }

    @Override
    boolean refill(long offset, int length) throws IOException {
        if (offset >= start && offset + length <= mappedEnd) {
            end = Math.min(mappedEnd, Math.max(offset + length, end + FIRST_STEP)); // the first window's next step
            return true;
        }
        if (offset + length > size) {
            long from = Math.min(offset, size);
            map(from, (int) Math.min(Math.max(window, length), size - from), 0);
            return false;
        }
        boolean first = mappedEnd == 0;
        long index = offset / window;
        MappedByteBuffer m = ahead != null && offset + length <= gridEnd(index) ? ahead.take(index) : null;
        if (m != null) {
            windowsAhead++;
            use(m, index * window, gridEnd(index));
        } else {
            map(offset, (int) Math.min(Math.max(window, length), size - offset), length);
        }
        if (first) {
            end = Math.min(mappedEnd, Math.max(offset + length, start + FIRST_STEP));
        }
        return true;
    }

    /** End of window {@code index} of the grid: the next one's start plus the overlap, or the file's end. */
    private long gridEnd(long index) {
        return Math.min(size, (index + 1) * window + overlap);
    }

    /**
     * Maps {@code [offset, offset + length)} on the reader's thread (a fill the grid does not hold);
     * of a file cut short since it was opened, what is left of it if that holds the {@code needed}
     * bytes the fill asked for.
     */
    private void map(long offset, int length, int needed) throws IOException {
        if (offset == start && offset + length <= end) {
            return;
        }
        MappedByteBuffer m;
        try {
            m = channel.map(FileChannel.MapMode.READ_ONLY, offset, length);
        } catch (ClosedChannelException e) {
            throw e;
        } catch (IOException e) {
            long now = channel.size();
            if (now >= offset + length) {
                throw start == 0 && end == 0 ? new CannotMap(name, e) : e;
            }
            if (now < offset + needed) {
                throw CaptureFormatException.changedWhileRead(name, offset);
            }
            length = (int) (now - offset);
            m = channel.map(FileChannel.MapMode.READ_ONLY, offset, length);
        }
        use(m, offset, offset + length);
    }

    private void use(MappedByteBuffer m, long from, long to) {
        window(m, from, to);
        mappedEnd = to;
        used.addLast(m);
        while (used.size() > KEPT) {
            MappedByteBuffer old = used.removeFirst();
            if (ahead == null || !ahead.unmapLater(old)) {
                Unmapper.unmap(old);
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (ahead != null) {
            ahead.stop();
        }
        channel.close();
        // the last window is left to the garbage collector: a record of it may still be looked at
        while (used.size() > 1) {
            Unmapper.unmap(used.removeFirst());
        }
    }

    /** The file's first window could not be mapped (a file system without it): it may be read another way. */
    static final class CannotMap extends IOException {
        private static final long serialVersionUID = 1L;

        CannotMap(String name, IOException cause) {
            super(name + ": cannot be mapped: " + cause.getMessage(), cause);
        }
    }

    /** A mapped window of the grid, or the end of the thread that maps them. */
    private record Window(long index, MappedByteBuffer buffer) {}

    /** The thread that maps the grid's windows in order and touches their pages, ahead of the reader. */
    private final class PageAhead {
        /** One window waits for the reader while the thread touches the next. */
        private final BlockingQueue<Window> ready = new ArrayBlockingQueue<>(1);
        /** Windows the reader is done with, unmapped here before the next is mapped (off the reading thread). */
        private final ConcurrentLinkedQueue<MappedByteBuffer> done = new ConcurrentLinkedQueue<>();
        /** Windows in the grid: one for each offset of the file divided by the step. */
        private final long count = (size - 1) / window + 1;
        private final Thread thread;
        private volatile boolean stopped;
        /** Set when the thread has put its last window (or stopped): the reader then waits no more. */
        private volatile boolean ended;
        /** A window taken from the queue beyond the one the reader asked for (it read elsewhere meanwhile). */
        private Window held;

        PageAhead() {
            thread = new Thread(this::run, "iotevent-pages " + name);
            thread.setDaemon(true);
            thread.start();
        }

        private void run() {
            try {
                for (long i = 0; i < count && !stopped; i++) {
                    unmapDone();
                    MappedByteBuffer m = channel.map(FileChannel.MapMode.READ_ONLY, i * window, gridEnd(i) - i * window);
                    m.load();
                    ready.put(new Window(i, m));
                }
            } catch (InterruptedException | ClosedChannelException e) {
                // stopped: the reader closed the input
            } catch (IOException | RuntimeException | Error e) {
                // the reader maps its windows itself from here on, and meets the fault there if it is one
            } finally {
                ended = true;
            }
        }

        /**
         * Hands {@code m}, a window the reader is done with, to this thread to unmap; false when it
         * has mapped its last window (the reader unmaps it then).
         */
        boolean unmapLater(MappedByteBuffer m) {
            if (ended) {
                return false;
            }
            done.add(m); // one added as the thread ends is unmapped by stop(), or by the collector
            return true;
        }

        /** Window {@code index} of the grid, mapped and touched; null when this thread will not bring it. */
        MappedByteBuffer take(long index) throws IOException {
            if (index >= count) {
                return null;
            }
            while (true) {
                Window w = held;
                held = null;
                try {
                    while (w == null) {
                        boolean last = ended; // read before the queue: a window put before the end is seen
                        w = last ? ready.poll() : ready.poll(50, TimeUnit.MILLISECONDS);
                        if (w == null && last) {
                            return null; // it ended without this window
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for the next mapped window");
                }
                if (w.index == index) {
                    return w.buffer;
                }
                if (w.index > index) {
                    held = w;
                    return null;
                }
                Unmapper.unmap(w.buffer); // a window the reader passed by on a mapping of its own
            }
        }

        /**
         * Stops the thread and unmaps what it holds for the reader (the window waiting in the queue,
         * one taken beyond the reader's, those the reader was done with); left to the garbage
         * collector if the thread is still touching pages after a second (a slow disk).
         */
        void stop() {
            stopped = true;
            thread.interrupt();
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (thread.isAlive()) {
                return;
            }
            if (held != null) {
                Unmapper.unmap(held.buffer);
                held = null;
            }
            for (Window w; (w = ready.poll()) != null; ) {
                Unmapper.unmap(w.buffer);
            }
            unmapDone();
        }

        /** Unmaps the windows the reader handed back ({@link #unmapLater}). */
        private void unmapDone() {
            for (MappedByteBuffer d; (d = done.poll()) != null; ) {
                Unmapper.unmap(d);
            }
        }
    }
}
