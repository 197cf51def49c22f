package org.iotevent.signature;

import java.io.IOException;

/** A signature file that cannot be used: names the file and, where it applies, the field at fault. */
public final class SignatureFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public SignatureFormatException(String message) {
        super(message);
    }
}
