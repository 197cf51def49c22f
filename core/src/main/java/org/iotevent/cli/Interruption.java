package org.iotevent.cli;

import java.io.IOException;
import java.io.Writer;
import org.iotevent.capture.CaptureRecord;
import org.iotevent.capture.ForwardingPacketSource;
import org.iotevent.capture.PacketSource;
import org.iotevent.detect.DetectionFormat;

/**
 * A stop asked by Ctrl-C or SIGTERM (through {@link StopOnSignal}) to a run that reads a capture:
 * the source it {@linkplain #guard guards} ends at the next record, so the run closes its bursts,
 * commits its output and prints its summary as at the end of the capture; the JVM then exits with
 * 128 + the signal (130, 143).
 */
final class Interruption {
    private volatile boolean requested;
    private volatile Runnable onRequest = () -> {};

    /** Asks the run to stop; called from the signal's thread. */
    void request() {
        requested = true;
        onRequest.run();
    }

    /** True once a stop was asked. */
    boolean requested() {
        return requested;
    }

    /** Also runs {@code action} (stopping a capture program) when a stop is asked. */
    void alsoOnRequest(Runnable action) {
        onRequest = action;
        if (requested) {
            action.run();
        }
    }

    /** {@code source}, ending early once a stop is asked. */
    PacketSource guard(PacketSource source) {
        return new ForwardingPacketSource(source) {
            @Override
            public boolean next(CaptureRecord into) throws IOException {
                return !requested && source.next(into);
            }

        };
    }

    /**
     * Ends an output of detections with a line saying the run was interrupted after
     * {@code packets} packets: a JSON object for JSON Lines, a {@code #} comment otherwise.
     */
    static void note(Writer out, DetectionFormat format, long packets) throws IOException {
        out.write(format == DetectionFormat.JSONL
                ? "{\"interrupted\":true,\"packets_read\":" + packets + "}\n"
                : "# interrupted by a signal after " + packets + " packets; the detections above are complete\n");
        out.flush();
    }
}
