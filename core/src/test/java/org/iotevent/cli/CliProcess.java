package org.iotevent.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the CLI as a real process ({@code java -cp CLASSES org.iotevent.cli.Main ...}), for what
 * only a process shows: its standard output failing, signals, kill -9, exit codes.
 */
final class CliProcess {
    private CliProcess() {}

    /** A process builder for {@code iotevent ARGS}, run in {@code dir}. */
    static ProcessBuilder builder(Path dir, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xshare:auto");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-cp");
        cmd.add(classPath());
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).directory(dir.toFile());
    }

    /** The test run's class path (surefire hides it behind a manifest jar in java.class.path). */
    private static String classPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null ? cp : System.getProperty("java.class.path");
    }

    /** Runs to the end; standard output and error to files in {@code dir}; the exit code. */
    static int run(Path dir, String... args) throws IOException, InterruptedException {
        Process p = builder(dir, args).redirectOutput(dir.resolve("stdout").toFile())
                .redirectError(dir.resolve("stderr").toFile()).start();
        return p.waitFor();
    }
}
