package org.iotevent.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.iotevent.capture.CaptureReaders;
import org.iotevent.capture.CaptureRecord;
import org.iotevent.capture.ForwardingPacketSource;
import org.iotevent.capture.PacketSource;
import org.iotevent.detect.AlertLine;

/**
 * Progress of a long pass over captures, on stderr: a bar with ETA on a terminal, otherwise a
 * line every {@link #lineSeconds} s (5); nothing when quiet or when the pass ends sooner. The
 * position is the byte offset of the records read in the capture files (known for plain files
 * and folders of them; for standard input, gzip and merged inputs only packets are counted).
 */
final class Progress implements AutoCloseable {
    /** Seconds between progress lines off a terminal (tests lower it). */
    static volatile int lineSeconds = 5;
    private static final int CHECK_EVERY = 4096;
    private static final int FLUSH_MILLIS = 200;

    private final String task;
    private final long totalBytes;
    private final PrintWriter err;
    private final boolean quiet;
    private final long startNanos = System.nanoTime();
    private ProgressBar bar;
    private long lastLineNanos = startNanos;
    private long packets;
    private long doneBytes;
    private long lastOffset;
    private boolean printed;
    private long lastFlushNanos;
    private long lastAlertFlushNanos;
    /** Alert lines as bytes when {@code err} is the real standard error (else null): flushed before any text. */
    private final BufferedOutputStream alertBytes;
    private final Charset alertCharset;

    private Progress(String task, long totalBytes, boolean quiet, PrintWriter err) {
        this.task = task;
        this.totalBytes = totalBytes;
        this.quiet = quiet;
        this.err = err;
        this.alertBytes = err instanceof StandardOutput.Console c ? new BufferedOutputStream(c.bytes(), 1 << 16) : null;
        this.alertCharset = err instanceof StandardOutput.Console c ? c.charset() : StandardCharsets.UTF_8;
        if (!quiet && System.console() != null) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(totalBytes > 0 ? Math.max(1, totalBytes >> 10) : -1)
                    .setUnit(" KiB", 1).setUpdateIntervalMillis(500)
                    .setConsumer(new DelegatingProgressBarConsumer(s -> {
                        synchronized (this) {
                            flushAlerts();
                            err.print("\r" + s);
                            err.flush();
                        }
                    }, 79)).build();
        }
    }

    /**
     * Progress over the captures {@code inputs} (files, folders, {@code -}).
     *
     * @param quiet true for no progress at all
     */
    static Progress of(String task, List<String> inputs, boolean quiet, PrintWriter err) {
        return new Progress(task, quiet ? -1 : totalBytes(inputs), quiet, err);
    }

    /** Sum of the plain capture files' sizes, or -1 when the position cannot be told (stdin, gzip, several inputs). */
    private static long totalBytes(List<String> inputs) {
        if (inputs.size() != 1 || "-".equals(inputs.get(0))) {
            return -1;
        }
        Path p = Path.of(inputs.get(0));
        try {
            if (Files.isRegularFile(p)) {
                return CaptureReaders.isGzip(p) ? -1 : Files.size(p);
            }
            if (Files.isDirectory(p)) {
                long sum = 0;
                try (Stream<Path> files = Files.list(p)) {
                    for (Path f : files.filter(Files::isRegularFile).toList()) {
                        if (CaptureReaders.isGzip(f)) {
                            return -1;
                        }
                        sum += Files.size(f);
                    }
                }
                return sum;
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /**
     * Prints a line on stderr, first clearing the bar's line when a bar is shown. Off a terminal,
     * over a file (a whole home can raise a million alerts), lines are flushed at most every
     * {@value #FLUSH_MILLIS} ms and at {@link #close}; live or from a pipe, each at once; on the
     * real stderr, where alerts go as bytes, each at once too (the alert bytes that follow must not
     * pass it).
     */
    synchronized void println(CharSequence line) {
        flushAlerts();
        if (bar != null) {
            err.print("\r\033[2K");
        }
        err.append(line).append(System.lineSeparator());
        long now = System.nanoTime();
        if (quiet || bar != null || alertBytes != null || now - lastFlushNanos >= FLUSH_MILLIS * 1_000_000L) {
            err.flush();
            lastFlushNanos = now;
        }
    }

    /** A builder for {@link #println(AlertLine)}'s lines, in the encoding of stderr. */
    AlertLine alertLine() {
        return new AlertLine(alertCharset);
    }

    /**
     * Prints an alert line as {@link #println(CharSequence)} does; as bytes on the real stderr without
     * a bar. Over a file the clock is not read a line: the reading thread flushes them at most every
     * {@value #FLUSH_MILLIS} ms, looking at the clock every few thousand packets ({@link #update}),
     * also when no alert follows.
     */
    synchronized void println(AlertLine line) {
        if (alertBytes == null || bar != null) {
            println(line.toString());
            return;
        }
        try {
            line.writeLineTo(alertBytes);
            if (quiet) {
                alertBytes.flush();
            }
        } catch (IOException e) {
            // stderr's errors are swallowed, as its writer's
        }
    }

    /** Writes the alert lines held as bytes, before any text goes to stderr. */
    private void flushAlerts() {
        if (alertBytes != null) {
            try {
                alertBytes.flush();
            } catch (IOException e) {
                // as above
            }
        }
    }

    /** {@code source} counted as it is read. */
    PacketSource wrap(PacketSource source) {
        if (quiet) {
            return source;
        }
        return new ForwardingPacketSource(source) {
            @Override
            public boolean next(CaptureRecord into) throws IOException {
                boolean more = source.next(into);
                if (more && ++packets % CHECK_EVERY == 0) {
                    update(into.fileOffset);
                }
                return more;
            }

        };
    }

    /** Synchronized with {@link #println}: detection prints its alerts from its writing thread. */
    private synchronized void update(long offset) {
        if (offset < lastOffset) {
            doneBytes += lastOffset; // the next file of a folder began
        }
        lastOffset = offset;
        long position = doneBytes + offset;
        if (bar != null) {
            bar.stepTo(position >> 10);
            bar.setExtraMessage(String.format(Locale.ROOT, "%.1f M packets", packets / 1e6));
            return;
        }
        long now = System.nanoTime();
        if (now - lastAlertFlushNanos >= FLUSH_MILLIS * 1_000_000L) {
            flushAlerts(); // the alert lines printed since the last flush
            lastAlertFlushNanos = now;
        }
        if (now - lastLineNanos >= lineSeconds * 1_000_000_000L) {
            lastLineNanos = now;
            flushAlerts();
            err.println("iotevent: " + task + ": " + line(position, now));
            err.flush();
            printed = true;
        }
    }

    private String line(long position, long now) {
        Duration elapsed = Duration.ofNanos(now - startNanos);
        String s = String.format(Locale.ROOT, "%.1f M packets in %s", packets / 1e6, clock(elapsed));
        if (totalBytes > 0 && position > 0) {
            double fraction = Math.min(1, position / (double) totalBytes);
            Duration left = Duration.ofNanos((long) ((now - startNanos) * (1 - fraction) / fraction));
            s += String.format(Locale.ROOT, ", %.0f %% of %d MB, about %s left", 100 * fraction, totalBytes >> 20,
                    clock(left));
        }
        return s;
    }

    static String clock(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    @Override
    public synchronized void close() {
        flushAlerts();
        err.flush(); // the lines println left in the buffer
        if (bar != null) {
            if (totalBytes > 0) {
                bar.stepTo(Math.max(1, totalBytes >> 10)); // read to the end
            }
            bar.close();
            err.println();
            err.flush();
        } else if (printed) {
            err.println("iotevent: " + task + ": done, " + String.format(Locale.ROOT, "%.1f M packets in %s",
                    packets / 1e6, clock(Duration.ofNanos(System.nanoTime() - startNanos))));
            err.flush();
        }
    }
}
