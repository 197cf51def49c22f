package org.iotevent.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import org.iotevent.signature.Signature;
import org.iotevent.signature.SignatureFile;

/**
 * detect's signature files read and checked on every core: the pool's threads and the thread
 * that waits for them take the files in turn. {@link #startEarly} begins while picocli builds
 * the command (some 0.1 s of a one-shot run's start-up, on one core): the signatures the
 * arguments name are then mostly read when the command asks for them. Only the reading is done
 * ahead: the command still checks its options first, and a file's fault is reported as when it is
 * read then.
 */
final class SignatureReading {
    private static volatile SignatureReading early;

    private final List<Path> files;
    private final AtomicInteger next = new AtomicInteger();
    private final List<CompletableFuture<Object>> results = new ArrayList<>();

    private SignatureReading(List<Path> files) {
        this.files = files;
        for (int i = 0; i < files.size(); i++) {
            results.add(new CompletableFuture<>());
        }
        int helpers = Math.min(files.size() - 1, ForkJoinPool.getCommonPoolParallelism());
        for (int h = 0; h < helpers; h++) {
            ForkJoinPool.commonPool().execute(this::work);
        }
    }

    /**
     * Starts reading the signatures {@code detect}'s arguments name ({@code -s}/{@code --signature},
     * as picocli reads them), when they all are regular files or folders of them; anything else is
     * left to the command.
     */
    static void startEarly(String... args) {
        List<Path> paths = new ArrayList<>();
        for (int i = 1; i < args.length && !args[i].equals("--"); i++) {
            String a = args[i];
            String value = a.equals("-s") || a.equals("--signature") ? (i + 1 < args.length ? args[++i] : null)
                    : a.startsWith("--signature=") ? a.substring(12)
                    : a.startsWith("-s") && !a.startsWith("--") ? a.substring(a.startsWith("-s=") ? 3 : 2) : null;
            if (value != null) {
                for (String p : value.split(",")) {
                    paths.add(Path.of(p));
                }
            }
        }
        if (paths.isEmpty()) {
            return;
        }
        try {
            List<Path> files = SignatureFile.files(paths);
            if (files.stream().allMatch(java.nio.file.Files::isRegularFile)) {
                early = new SignatureReading(files);
            }
        } catch (IOException | RuntimeException e) {
            // not what the command will read: it reads and reports itself
        }
    }

    /** The files whose reading {@link #startEarly} began and no command has taken yet, or null. */
    static List<Path> begun() {
        SignatureReading started = early;
        return started == null ? null : started.files;
    }

    /**
     * The signatures in {@code files}, in order; the first file in order that fails is the one
     * reported, as when they are read one by one.
     */
    static List<Signature> readAll(List<Path> files) throws IOException {
        SignatureReading started = early;
        early = null;
        SignatureReading reading = started != null && started.files.equals(files) ? started : new SignatureReading(files);
        reading.work();
        List<Signature> signatures = new ArrayList<>();
        for (CompletableFuture<Object> f : reading.results) {
            Object r;
            try {
                r = f.join();
            } catch (CompletionException e) {
                throw (Error) e.getCause();
            }
            if (r instanceof IOException e) {
                throw e;
            }
            if (r instanceof RuntimeException e) {
                throw e;
            }
            signatures.add((Signature) r);
        }
        return signatures;
    }

    /** Reads the files no thread has taken yet. */
    private void work() {
        for (int i = next.getAndIncrement(); i < files.size(); i = next.getAndIncrement()) {
            CompletableFuture<Object> result = results.get(i);
            try {
                result.complete(SignatureFile.read(CaptureInput.existingFile(files.get(i).toString(), "signature")));
            } catch (IOException | RuntimeException e) {
                result.complete(e);
            } catch (Error e) {
                result.completeExceptionally(e);
            }
        }
    }
}
