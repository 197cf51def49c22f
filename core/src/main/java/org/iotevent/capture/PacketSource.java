package org.iotevent.capture;

import java.io.Closeable;
import java.io.IOException;

/** A capture read one record at a time. */
public interface PacketSource extends Closeable {
    /**
     * Reads the next packet record into {@code into}, overwriting it.
     *
     * @return false at a clean end of the capture (end of input on a record boundary)
     * @throws CaptureFormatException when the file is damaged; every packet before the fault was
     *     delivered by earlier calls
     * @throws IOException when reading fails
     */
    boolean next(CaptureRecord into) throws IOException;

    /** Name of the input, for messages: the file path or {@code "-"} for standard input. */
    String name();

    /**
     * Closes every one of {@code sources}, also after one fails to. When their use ended in
     * {@code failure}, the errors of closing are added to it (suppressed) and nothing is thrown;
     * otherwise the first is thrown, the others suppressed in it.
     */
    static void closeAll(Iterable<? extends PacketSource> sources, Throwable failure) throws IOException {
        IOException first = null;
        for (PacketSource s : sources) {
            try {
                s.close();
            } catch (IOException | RuntimeException e) {
                if (failure != null) {
                    failure.addSuppressed(e);
                } else if (first == null) {
                    first = e instanceof IOException io ? io : new IOException(s.name() + ": " + e.getMessage(), e);
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
