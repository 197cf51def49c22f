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
}
