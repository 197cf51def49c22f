package org.iotevent.cli;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs a long task (a campaign, a live capture) so that Ctrl-C or SIGTERM asks it to stop and
 * the JVM waits, up to a bound, for it to close its files and capture programs before exiting.
 */
final class StopOnSignal {
    /** A task that may fail with an I/O error. */
    @FunctionalInterface
    interface Task<T> {
        T run() throws IOException;
    }

    private StopOnSignal() {}

    /**
     * @param stop asks the task to stop; called from the shutdown hook's thread
     * @param waitSeconds how long the JVM waits for the task once asked to stop
     */
    static <T> T run(Runnable stop, int waitSeconds, Task<T> task) throws IOException {
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.run();
            try {
                finished.await(waitSeconds, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "iotevent-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return task.run();
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running: the JVM exits once it returns.
            }
        }
    }
}
