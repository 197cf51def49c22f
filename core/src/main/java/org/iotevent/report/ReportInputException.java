package org.iotevent.report;

import java.io.IOException;

/** An input of the report that is not what the command producing it writes. */
public final class ReportInputException extends IOException {
    private static final long serialVersionUID = 1L;

    public ReportInputException(String message) {
        super(message);
    }
}
