package org.iotevent.capture;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.ThrowingConsumer;

/** The public capture set of ../shared/captures, with its tshark oracles; tests skip without it. */
final class SharedCaptures {
    private SharedCaptures() {}

    /** The directory, or a skipped test (with the reason) when it is absent. */
    static Path directory() {
        String shared = System.getProperty("iotevent.shared");
        assumeTrue(shared != null, "system property iotevent.shared is not set: the public capture set is unknown");
        Path dir = Path.of(shared, "captures");
        assumeTrue(Files.isDirectory(dir), "no public capture set at " + dir + " (../shared is absent here)");
        return dir;
    }

    /** Every capture of the set (each file that has an .oracle.tsv next to it), sorted by name. */
    static List<Path> all() throws IOException {
        Path dir = directory();
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> captures = files
                    .filter(p -> Files.isRegularFile(p) && Files.exists(oracle(p)))
                    .sorted()
                    .collect(Collectors.toList());
            assumeTrue(!captures.isEmpty(), "no capture with an oracle in " + dir);
            return captures;
        }
    }

    /**
     * One dynamic test per capture of the set running {@code check}; without the set, one test
     * that is skipped with the reason (a factory that aborts would vanish from the report).
     */
    static Stream<DynamicTest> eachCapture(ThrowingConsumer<Path> check) {
        String shared = System.getProperty("iotevent.shared");
        if (shared == null || !Files.isDirectory(Path.of(shared, "captures"))) {
            return Stream.of(DynamicTest.dynamicTest("public capture set", () -> directory()));
        }
        try {
            return all().stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check.accept(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path oracle(Path capture) {
        return capture.resolveSibling(capture.getFileName() + ".oracle.tsv");
    }

    static Path oracleError(Path capture) {
        return capture.resolveSibling(capture.getFileName() + ".oracle.err");
    }
}
