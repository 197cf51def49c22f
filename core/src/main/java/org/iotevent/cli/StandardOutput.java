package org.iotevent.cli;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;

/**
 * Standard output that ends the run when it fails. {@link PrintWriter} swallows write errors,
 * so {@code detect > /dev/full} would exit 0 having written nothing and {@code inspect | head}
 * would read the whole capture after {@code head} left; this stream turns an error into
 * {@link Failed}, which PrintWriter lets through and {@link Main} turns into an exit code.
 */
final class StandardOutput extends OutputStream {
    /** A failed write to standard output; unchecked so that it crosses PrintWriter. */
    static final class Failed extends UncheckedIOException {
        private static final long serialVersionUID = 1L;

        Failed(IOException cause) {
            super("cannot write standard output: " + cause.getMessage(), cause);
        }

        /** True when the reader went away ({@code | head}): EPIPE, the JVM ignoring SIGPIPE. */
        boolean brokenPipe() {
            return String.valueOf(getCause().getMessage()).contains("Broken pipe");
        }
    }

    private final OutputStream out = new FileOutputStream(FileDescriptor.out);

    private StandardOutput() {}

    /** A line-flushing writer over standard output, in the console's encoding as picocli's own. */
    static PrintWriter writer() {
        String name = System.getProperty("sun.stdout.encoding");
        Charset cs = name != null && Charset.isSupported(name) ? Charset.forName(name) : Charset.defaultCharset();
        return new PrintWriter(new BufferedWriter(new OutputStreamWriter(new StandardOutput(), cs)), true);
    }

    @Override
    public void write(int b) {
        try {
            out.write(b);
        } catch (IOException e) {
            throw new Failed(e);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw new Failed(e);
        }
    }

    @Override
    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new Failed(e);
        }
    }
}
