package org.iotevent.capture;

import java.io.IOException;

/**
 * A capture file that cannot be read on: names the input, the record or block index, the byte
 * offset and the field at fault.
 */
public final class CaptureFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public CaptureFormatException(String message) {
        super(message);
    }
}
