package org.iotevent.io;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * An output file that appears whole or not at all: bytes go to a temporary file beside the
 * target, and {@link #commit()} renames it over the target (atomically where the file system
 * can). Closing without committing deletes the temporary file, so an interrupted run never leaves
 * half an output.
 *
 * <p>What must not be destroyed is not: a symbolic link is followed (its target is replaced, the
 * link stays), and a device node or FIFO ({@code /dev/null}, {@code /dev/stdout}, a named pipe)
 * is written through as {@code tcpdump -w} does, never replaced by a regular file.
 *
 * <p>The temporary file is named {@code .NAME.iotevent-tmp-PID}, so a run killed with
 * {@code kill -9} leaves a file that the next run writing the same output recognises (its process
 * is gone) and removes.
 */
public final class AtomicFileOutput implements Closeable {
    private static final String TEMP_MARK = ".iotevent-tmp-";

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final OutputStream out;
    private boolean committed;

    /**
     * Opens a temporary file beside {@code target}, or {@code target} itself when it is a device
     * or a FIFO; removes temporary files of {@code target} left by dead processes.
     *
     * @throws IOException naming {@code target} when its directory is missing or not writable
     */
    public AtomicFileOutput(Path target) throws IOException {
        requireWritable(target);
        this.target = followLinks(target);
        if (isSpecial(this.target)) {
            this.temp = null;
            this.channel = null;
            this.out = new BufferedOutputStream(Files.newOutputStream(this.target, StandardOpenOption.WRITE), 1 << 16);
            return;
        }
        removeStaleTemporaries(this.target);
        this.temp = temporaryOf(this.target, ProcessHandle.current().pid());
        this.channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING);
        try {
            // a temporary file is created with the umask; the output is an ordinary file others may read
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException notPosix) {
            // keep the file system's default
        }
        this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
    }

    /**
     * Checks, before any work is done, that {@code target} can be written: a writable device or
     * FIFO, or a non-directory in an existing writable directory; and that it is none of
     * {@code inputs} (the same file through a link, a relative path or a hard link), which the run
     * would destroy while reading it.
     *
     * @param inputs files the run reads; null, missing and non-regular ones are ignored
     * @throws IOException naming {@code target} and what is wrong
     */
    public static void requireWritable(Path target, Path... inputs) throws IOException {
        Path real = followLinks(target);
        requireNotAnInput(target, real, inputs);
        if (Files.isDirectory(real)) {
            throw new IOException("cannot write " + target + ": it is a directory");
        }
        if (isSpecial(real)) {
            if (!Files.isWritable(real)) {
                throw new IOException("cannot write " + target + ": permission denied");
            }
            return;
        }
        Path dir = real.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IOException("cannot write " + target + ": directory " + dir + " does not exist");
        }
        if (!Files.isWritable(dir)) {
            throw new IOException("cannot write " + target + ": directory " + dir + " is not writable");
        }
    }

    private static void requireNotAnInput(Path target, Path real, Path... inputs) throws IOException {
        if (!Files.isRegularFile(real)) {
            return;
        }
        for (Path in : inputs) {
            if (in != null && Files.isRegularFile(in) && Files.isSameFile(real, in)) {
                throw new IOException("cannot write " + target + ": it is the input " + in
                        + "; writing it would destroy what is read; choose another output");
            }
        }
    }

    /** Where to write; do not close it, {@link #commit()} does. */
    public OutputStream stream() {
        return out;
    }

    /**
     * As {@link #commit()}, but first forces the bytes to the disk, so that after a power cut the
     * target holds either its old or its new content (for small files a resumed run relies on).
     */
    public void commitSynced() throws IOException {
        out.flush();
        if (channel != null) {
            channel.force(true);
        }
        commit();
    }

    /** Flushes, closes and renames the temporary file over the target. */
    public void commit() throws IOException {
        out.close();
        if (temp != null) {
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
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
                if (temp != null) {
                    Files.deleteIfExists(temp);
                }
            }
        }
    }

    /** The temporary file a process {@code pid} writes {@code target} through. */
    static Path temporaryOf(Path target, long pid) {
        return target.resolveSibling("." + target.getFileName() + TEMP_MARK + pid);
    }

    /** Deletes {@code target}'s temporary files whose process no longer runs (a run killed with kill -9). */
    static void removeStaleTemporaries(Path target) throws IOException {
        String prefix = "." + target.getFileName() + TEMP_MARK;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(target.getParent(), prefix + "*")) {
            for (Path f : files) {
                String pid = f.getFileName().toString().substring(prefix.length());
                if (pid.matches("[0-9]{1,18}") && ProcessHandle.of(Long.parseLong(pid)).isEmpty()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /** True for a device node, FIFO or socket: written through, never replaced. */
    private static boolean isSpecial(Path real) {
        return Files.exists(real) && !Files.isRegularFile(real) && !Files.isDirectory(real);
    }

    /**
     * The real path of an existing file, or where a dangling link leads; a device or FIFO is kept
     * as named, since its link may lead nowhere in the file tree ({@code /dev/stdout} to {@code pipe:[N]}).
     */
    private static Path followLinks(Path p) throws IOException {
        Path cur = p.toAbsolutePath().normalize();
        if (Files.exists(cur)) {
            return isSpecial(cur) ? cur : cur.toRealPath();
        }
        for (int hops = 0; hops < 40 && Files.isSymbolicLink(cur); hops++) {
            cur = cur.resolveSibling(Files.readSymbolicLink(cur)).toAbsolutePath().normalize();
        }
        return cur;
    }
}
