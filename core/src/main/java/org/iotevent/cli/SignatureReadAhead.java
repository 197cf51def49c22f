package org.iotevent.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.iotevent.signature.SignatureFile;

/**
 * The signatures of a {@code detect} run read on a second thread while picocli reads the command
 * line on the first (both in the interpreter at start-up: picocli's model of the command some
 * 0.1 s, nine signatures some 0.06 s; a one-shot detect on a small capture 0.21 s against 0.23).
 * The files are found in the arguments by a plain scan of {@code -s}/{@code --signature}; the
 * command takes what was read only when the files it resolved from picocli's values are the same,
 * in the same order: otherwise (a scan misled by an odd argument) it reads them itself. What was
 * read is each file's signature or its failure, as {@link DetectCommand} reads them, so the same
 * error is reported either way.
 */
final class SignatureReadAhead {
    private static volatile SignatureReadAhead started;
    /** Whether the last {@link #take} gave what was read ahead (for tests). */
    static volatile boolean used;

    private final List<Path> files;
    private final CompletableFuture<List<Object>> read;

    private SignatureReadAhead(List<Path> files) {
        this.files = files;
        this.read = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                read.complete(DetectCommand.readEach(files, false));
            } catch (Throwable e) {
                read.completeExceptionally(e); // the command reads them itself, and meets it there
            }
        }, "iotevent-signatures");
        t.setDaemon(true);
        t.start();
    }

    /** Starts reading the signatures {@code args} name, when they run {@code detect}. */
    static void start(String... args) {
        if (args.length == 0 || !args[0].equals("detect")) {
            return;
        }
        List<Path> named = new ArrayList<>();
        try {
            for (String value : signatureValues(args)) {
                for (String v : value.split(",", -1)) {
                    named.add(Path.of(v));
                }
            }
            if (!named.isEmpty()) {
                started = new SignatureReadAhead(SignatureFile.files(named));
            }
        } catch (IOException | RuntimeException e) {
            // the command reads them itself and reports what is wrong
        }
    }

    /**
     * What was read ahead for {@code files} (a signature or a failure each), or null when nothing
     * was, or for other files. Taken once.
     */
    static List<Object> take(List<Path> files) {
        SignatureReadAhead ahead = started;
        started = null;
        List<Object> read = ahead == null || !ahead.files.equals(files) ? null : ahead.read.exceptionally(e -> null).join();
        used = read != null;
        return read;
    }

    /** The values given to {@code -s}/{@code --signature} among {@code args}, before a {@code --}. */
    static List<String> signatureValues(String... args) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                break;
            }
            if (a.equals("-s") || a.equals("--signature")) {
                if (i + 1 < args.length) {
                    values.add(args[++i]);
                }
            } else if (a.startsWith("--signature=")) {
                values.add(a.substring("--signature=".length()));
            } else if (a.startsWith("-s") && !a.startsWith("--")) {
                values.add(a.substring(a.startsWith("-s=") ? 3 : 2));
            }
        }
        return values;
    }
}
