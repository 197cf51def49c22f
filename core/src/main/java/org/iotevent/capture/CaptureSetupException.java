package org.iotevent.capture;

import java.io.IOException;

/**
 * Capturing cannot start: the capture program is missing, the interface unknown, permission
 * lacking, the filter invalid or a trigger command not found. Raised before anything starts.
 */
public final class CaptureSetupException extends IOException {
    private static final long serialVersionUID = 1L;

    public CaptureSetupException(String message) {
        super(message);
    }
}
