package org.iotevent.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import org.iotevent.evaluate.Evaluator;

/**
 * Progress of an evaluation's trainings (folds and splits) on stderr: a line every
 * {@link Progress#lineSeconds} s with the trainings done, the time spent and an estimate of the time
 * left; nothing when quiet or when the evaluation ends sooner. Thread-safe: the trainings run on
 * every core.
 */
final class TrainingProgress implements Evaluator.Listener, AutoCloseable {
    private final String task;
    private final PrintWriter err;
    private final boolean quiet;
    private final long startNanos = System.nanoTime();
    private long lastLineNanos = startNanos;
    private boolean printed;
    private int done;

    TrainingProgress(String task, boolean quiet, PrintWriter err) {
        this.task = task;
        this.quiet = quiet;
        this.err = err;
    }

    @Override
    public synchronized void trained(int done, int total) {
        this.done = Math.max(this.done, done);
        long now = System.nanoTime();
        if (quiet || now - lastLineNanos < Progress.lineSeconds * 1_000_000_000L || this.done >= total) {
            return;
        }
        lastLineNanos = now;
        long elapsed = now - startNanos;
        long left = (long) (elapsed * (total - this.done) / (double) this.done);
        err.printf(Locale.ROOT, "iotevent: %s: %d of %d trainings in %s, about %s left%n", task, this.done, total,
                Progress.clock(Duration.ofNanos(elapsed)), Progress.clock(Duration.ofNanos(left)));
        err.flush();
        printed = true;
    }

    @Override
    public synchronized void close() {
        if (printed) {
            err.printf(Locale.ROOT, "iotevent: %s: %d trainings done in %s%n", task, done, Progress.clock(Duration.ofNanos(System.nanoTime() - startNanos)));
            err.flush();
        }
    }
}
