package org.iotevent.report;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs Debian's headless Chromium on a local file; tests skip with a message when it is absent. */
public final class HeadlessChromium {
    public static final Path BINARY = Path.of("/usr/bin/chromium");

    private HeadlessChromium() {}

    public static void assumeInstalled() {
        assumeTrue(Files.isExecutable(BINARY), "headless Chromium is not installed at " + BINARY
                + " (Debian: apt-get install chromium; .ci/run installs it): the report is not checked in a browser");
    }

    /** The DOM after load, serialised. */
    public static String dumpDom(Path page) throws IOException, InterruptedException {
        return run(page, "--dump-dom");
    }

    /** Saves a screenshot of the page's first {@code height} pixels, 1280 wide, as PNG. */
    public static void screenshot(Path page, Path png, int height) throws IOException, InterruptedException {
        run(page, "--screenshot=" + png.toAbsolutePath(), "--window-size=1280," + height, "--hide-scrollbars");
    }

    private static String run(Path page, String... action) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("iotevent-chromium");
        try {
            List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--user-data-dir=" + profile));
            cmd.addAll(List.of(action));
            cmd.add(page.toUri().toString());
            Path out = profile.resolve("stdout");
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new IOException("chromium did not finish within 120 s on " + page);
            }
            if (p.exitValue() != 0) {
                throw new IOException("chromium exited with " + p.exitValue() + " on " + page);
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }
}
