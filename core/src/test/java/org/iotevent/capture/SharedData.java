package org.iotevent.capture;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Real data of research projects, carried for tests in {@code src/test/resources/realdata}
 * (origins in its SOURCES.md): the paper authors' sequences, PingPong's TP-Link capture and its
 * event log, the Blink camera's week. The tests that read it carry {@link #TAG}, so they can be
 * run or left out as a group.
 */
public final class SharedData {
    /** The JUnit tag of the tests that read the real data. */
    public static final String TAG = "shared-data";

    private SharedData() {}

    /** The file at {@code relative} under the real data, or a skipped test naming where it was looked for. */
    public static Path file(String relative) {
        Path root = Path.of(System.getProperty("iotevent.realdata", "src/test/resources/realdata"));
        Path f = root.resolve(relative);
        assumeTrue(Files.isRegularFile(f), relative + " not present under " + root.toAbsolutePath());
        return f;
    }
}
