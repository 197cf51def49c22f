package org.iotevent.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.iotevent.io.AtomicFileOutput;

/** Writes a rendered document to a temporary file beside the target, then renames it into place. */
public final class ReportWriter {
    private ReportWriter() {}

    /**
     * Writes {@code text} as UTF-8 to {@code target} atomically: a reader sees the old file or the
     * whole new one, never a part; an interrupted run leaves no partial target.
     *
     * @throws IOException when the directory is not writable or the disk is full
     */
    public static void write(String text, Path target) throws IOException {
        try (AtomicFileOutput out = new AtomicFileOutput(target)) {
            out.stream().write(text.getBytes(StandardCharsets.UTF_8));
            out.commit();
        }
    }
}
