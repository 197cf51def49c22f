package org.iotevent.capture;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Data published without a licence, which the repository does not carry: the paper authors'
 * sequences, PingPong's TP-Link capture and its event log. It lives in ../shared (system property
 * {@code iotevent.shared}); the tests that read it carry {@link #TAG}, which {@code mvn verify}
 * leaves out and {@code mvn verify -Pshared-data} runs.
 */
public final class SharedData {
    /** The JUnit tag of the tests that need ../shared. */
    public static final String TAG = "shared-data";

    private SharedData() {}

    /** The file at {@code relative} under ../shared, or a skipped test naming where it was looked for. */
    public static Path file(String relative) {
        Path root = Path.of(System.getProperty("iotevent.shared", "../shared"));
        Path f = root.resolve(relative);
        assumeTrue(Files.isRegularFile(f), relative + " not present under " + root + " (the shared data is not beside the repository)");
        return f;
    }
}
