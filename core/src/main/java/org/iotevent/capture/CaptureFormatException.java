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

    /**
     * Builds the standard message {@code "NAME: PLACE at offset N: FIELD: found F, expected E"}.
     *
     * @param input name of the input (file path or {@code "-"})
     * @param place the record or block at fault, e.g. {@code "record 9"} or {@code "block 3 (EPB)"}
     * @param offset byte offset of that record or block in the input
     * @param field the header field at fault
     * @param found the value found
     * @param expected what a valid file holds there
     */
    static CaptureFormatException field(String input, String place, long offset, String field,
            Object found, String expected) {
        return new CaptureFormatException(input + ": " + place + " at offset " + offset + ": " + field
                + ": found " + found + ", expected " + expected);
    }

    /**
     * Builds the message for input that ends inside a record: {@code "NAME: cut in the middle of
     * PLACE at offset N: expected M bytes, found K"}.
     */
    static CaptureFormatException cut(String input, String place, long offset, long expected, long found) {
        return new CaptureFormatException(input + ": cut in the middle of " + place + " at offset " + offset
                + ": expected " + expected + " bytes, found " + found);
    }

    /**
     * Builds the message for a mapped capture file that another program cut short or rewrote while
     * it was read (its pages vanished under the reader): {@code "NAME: cut short or rewritten by
     * another program while it was read, past offset N: the packets before were read"}.
     */
    static CaptureFormatException changedWhileRead(String input, long offset) {
        return new CaptureFormatException(input + ": cut short or rewritten by another program while it was read, "
                + "past offset " + offset + ": the packets before were read");
    }

    /**
     * The reader's error for {@code e} met reading a record at {@code offset}: {@link
     * #changedWhileRead} when it is a mapped page gone; otherwise {@code e} itself is thrown.
     */
    static CaptureFormatException changedWhileRead(InternalError e, String input, long offset) {
        if (!isMappedPageFault(e)) {
            throw e;
        }
        return changedWhileRead(input, offset);
    }

    /** Whether {@code e} is the JVM's report of a fault reading a mapped file's page (one that vanished). */
    public static boolean isMappedPageFault(Throwable e) {
        return e instanceof InternalError && e.getMessage() != null && e.getMessage().contains("unsafe memory access");
    }
}
