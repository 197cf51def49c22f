package org.iotevent.signature;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * An output file that appears whole or not at all: bytes go to a temporary file in the target's
 * directory, and {@link #commit()} renames it over the target (atomically where the file system
 * can). Closing without committing deletes the temporary file, so an interrupted run never leaves
 * half an output.
 */
public final class AtomicFileOutput implements Closeable {
    private final Path target;
    private final Path temp;
    private final OutputStream out;
    private boolean committed;

    /**
     * Opens a temporary file beside {@code target}.
     *
     * @throws IOException naming {@code target} when its directory is missing or not writable
     */
    public AtomicFileOutput(Path target) throws IOException {
        this.target = target.toAbsolutePath();
        Path dir = this.target.getParent();
        requireWritableDirectory(target);
        this.temp = Files.createTempFile(dir, "." + this.target.getFileName() + ".", ".tmp");
        try {
            // a temporary file is private (rw-------); the output is an ordinary file others may read
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException notPosix) {
            // keep the file system's default
        }
        this.out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16);
    }

    /**
     * Checks, before any work is done, that {@code target} can be written: its directory exists and
     * is writable, and {@code target} is not a directory.
     *
     * @throws IOException naming {@code target} and what is wrong
     */
    public static void requireWritableDirectory(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (Files.isDirectory(target)) {
            throw new IOException("cannot write " + target + ": it is a directory");
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IOException("cannot write " + target + ": directory " + dir + " does not exist");
        }
        if (!Files.isWritable(dir)) {
            throw new IOException("cannot write " + target + ": directory " + dir + " is not writable");
        }
    }

    /** Where to write; do not close it, {@link #commit()} does. */
    public OutputStream stream() {
        return out;
    }

    /** Flushes, closes and renames the temporary file over the target. */
    public void commit() throws IOException {
        out.close();
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
    }

    /** Deletes the temporary file unless committed. */
    @Override
    public void close() throws IOException {
        if (!committed) {
            try {
                out.close();
            } finally {
                Files.deleteIfExists(temp);
            }
        }
    }
}
