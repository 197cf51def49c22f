package org.iotevent.capture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * The test capture set of src/test/resources/captures (public test-suite captures and generated
 * equivalents, each with its tshark 4.0.17 oracle; origins and licences in its SOURCES.tsv).
 * It is part of the repository, so tests that use it never skip for want of it.
 */
public final class TestCaptures {
    private TestCaptures() {}

    /** The directory of the set. */
    public static Path directory() {
        URL url = TestCaptures.class.getResource("/captures/SOURCES.tsv");
        if (url == null) {
            throw new IllegalStateException("captures/SOURCES.tsv is not on the test class path");
        }
        try {
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One capture of the set by file name. */
    public static Path file(String name) {
        Path f = directory().resolve(name);
        if (!Files.isRegularFile(f)) {
            throw new IllegalStateException("no capture " + name + " in " + directory());
        }
        return f;
    }

    /** Every capture of the set (each file that has an .oracle.tsv next to it), sorted by name. */
    public static List<Path> all() {
        try (Stream<Path> files = Files.list(directory())) {
            return files.filter(p -> Files.isRegularFile(p) && Files.exists(oracle(p)))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One dynamic test per capture of the set, named after the file, running {@code check}. */
    public static Stream<DynamicTest> eachCapture(ThrowingConsumer<Path> check) {
        return all().stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check.accept(f)));
    }

    public static Path oracle(Path capture) {
        return capture.resolveSibling(capture.getFileName() + ".oracle.tsv");
    }

    public static Path oracleError(Path capture) {
        return capture.resolveSibling(capture.getFileName() + ".oracle.err");
    }
}
