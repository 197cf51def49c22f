package org.iotevent.capture;

import java.io.IOException;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Catches a corrupted timestamp in the middle of a capture: a record more than a day after the
 * previous one, or more than an hour before it. Such a record is passed on without its timestamp
 * (as a record that has none: counted, never put into a burst), so that one record stamped in
 * 2106 does not merge everything after it into one burst, and it is reported with its number.
 * When the next record agrees with it, the clock really moved (a capture paused for days): that
 * next record is accepted and the time goes on from there.
 */
public final class TimestampCheck implements PacketSource {
    /** A forward jump beyond this is suspect. */
    public static final long MAX_FORWARD_NANOS = 86_400L * 1_000_000_000L;
    /** A step back beyond this is suspect (interfaces of one pcapng file interleave a little out of order). */
    public static final long MAX_BACKWARD_NANOS = 3_600L * 1_000_000_000L;
    /** Anomalies reported one by one; beyond, only counted. */
    static final int REPORTED = 10;

    private final PacketSource source;
    private final Consumer<String> warn;
    private boolean started;
    private long last;
    private boolean lastWasSuspect;
    /** Started, and the last record was not suspect: the next is judged against {@link #last} alone. */
    private boolean steady;
    private long suspect;
    private long anomalies;

    /** @param warn receives one message per suspect record (the first {@value #REPORTED}), then a count at close */
    public TimestampCheck(PacketSource source, Consumer<String> warn) {
        this.source = source;
        this.warn = warn;
    }

    @Override
    public boolean next(CaptureRecord into) throws IOException {
        if (!source.next(into)) {
            return false;
        }
        long t = into.timestampNanos;
        if (steady && into.hasTimestamp && within(last, t)) {
            last = t; // the usual record: this method is kept small enough (60 bytecodes) for the reading loop to inline
            return true;
        }
        check(into, t);
        return true;
    }

    /** Any other record: untimed, the first, one after a suspect one, or one out of the time of the one before. */
    private void check(CaptureRecord into, long t) {
        if (into.hasTimestamp) {
            judge(into, t);
            steady = started && !lastWasSuspect;
        }
    }

    private void judge(CaptureRecord into, long t) {
        if (!started || within(last, t)) {
            started = true;
            last = t;
            lastWasSuspect = false;
            return;
        }
        if (lastWasSuspect && within(suspect, t)) {
            // two records agree on the new time: the clock moved (a capture paused for days); go on from here
            last = t;
            lastWasSuspect = false;
            warn.accept(source.name() + " record " + into.frameNumber + " agrees with the one before: the capture's "
                    + "time really moved to " + Instant.ofEpochSecond(0, t) + "; going on from there (only the record "
                    + "before was set aside)");
            return;
        }
        anomalies++;
        if (anomalies <= REPORTED) {
            warn.accept(source.name() + " record " + into.frameNumber + ": timestamp " + Instant.ofEpochSecond(0, t)
                    + (t > last ? " jumps more than a day forward" : " goes more than an hour back") + " from "
                    + Instant.ofEpochSecond(0, last) + "; treated as out of order (not put into a burst)");
        }
        suspect = t;
        lastWasSuspect = true;
        into.hasTimestamp = false;
    }

    private static boolean within(long before, long t) {
        return t - before <= MAX_FORWARD_NANOS && before - t <= MAX_BACKWARD_NANOS;
    }

    /** Records whose timestamp was set aside. */
    public long anomalies() {
        return anomalies;
    }

    @Override
    public String name() {
        return source.name();
    }

    @Override
    public void close() throws IOException {
        if (anomalies > REPORTED) {
            warn.accept(source.name() + ": " + anomalies + " records in all with a timestamp out of order, set aside");
        }
        source.close();
    }
}
