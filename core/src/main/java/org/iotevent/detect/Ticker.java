package org.iotevent.detect;

/**
 * The wall clock of live detection: on each tick, packet time is advanced by the wall time
 * elapsed since the latest packet arrived, so a burst closes while the input is idle. A seam, so
 * that tests step time by hand instead of sleeping against a loaded machine.
 */
public interface Ticker {
    /** How often the system ticker ticks, in milliseconds. */
    long TICK_MILLIS = 10;

    /** Wall time now, nanoseconds from an arbitrary origin (as {@link System#nanoTime()}). */
    long nanoTime();

    /** Waits for the next tick. */
    void awaitTick() throws InterruptedException;

    /** The machine's monotonic clock, ticking every {@value #TICK_MILLIS} ms. */
    static Ticker system() {
        return new Ticker() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void awaitTick() throws InterruptedException {
                Thread.sleep(TICK_MILLIS);
            }
        };
    }
}
