package org.iotevent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the file-reading fuzz tests share: one scratch file per target, and line counting. */
public final class FuzzFiles {
    private FuzzFiles() {}

    /** A new temporary file, deleted when the JVM exits; fuzz targets overwrite it per input. */
    public static Path tempFile(String suffix) {
        try {
            Path file = Files.createTempFile("iotevent-fuzz", suffix);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines as {@link java.io.BufferedReader#readLine} counts them: \n, \r or \r\n end a line. */
    public static long lineCount(byte[] text) {
        long lines = 0;
        for (int i = 0; i < text.length; i++) {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.length || text[i + 1] != '\n'))) {
                lines++;
            }
        }
        boolean unterminated = text.length > 0 && text[text.length - 1] != '\n' && text[text.length - 1] != '\r';
        return unterminated ? lines + 1 : lines;
    }
}
