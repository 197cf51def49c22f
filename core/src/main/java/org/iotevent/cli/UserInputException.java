package org.iotevent.cli;

/** A mistake in what the user asked for: reported as one line, never a stack trace. */
public final class UserInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserInputException(String message) {
        super(message);
    }
}
