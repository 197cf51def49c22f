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

    /**
     * A writer over one of the standard streams that also lends its byte stream and encoding, for
     * the lines a long run writes by the million (detections, alerts) without the writer's
     * conversion. Flush the writer before writing bytes, and the bytes before writing text again.
     */
    static final class Console extends PrintWriter {
        private final OutputStream bytes;
        private final Charset charset;

        private Console(OutputStream bytes, Charset charset) {
            super(new BufferedWriter(new OutputStreamWriter(bytes, charset)), true);
            this.bytes = bytes;
            this.charset = charset;
        }

        /** The stream under the writer (not buffered). */
        OutputStream bytes() {
            return bytes;
        }

        Charset charset() {
            return charset;
        }
    }

    /** A line-flushing writer over standard output, in the console's encoding as picocli's own. */
    static Console writer() {
        return new Console(new StandardOutput(), encoding("sun.stdout.encoding"));
    }

    /**
     * A line-flushing writer over standard error as picocli's own (its encoding; errors swallowed,
     * as {@link System#err} does).
     */
    static Console errorWriter() {
        return new Console(System.err, encoding("sun.stderr.encoding"));
    }

    private static Charset encoding(String property) {
        String name = System.getProperty(property);
        return name != null && Charset.isSupported(name) ? Charset.forName(name) : Charset.defaultCharset();
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
