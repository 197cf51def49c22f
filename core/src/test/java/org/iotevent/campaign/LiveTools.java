package org.iotevent.campaign;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.iotevent.capture.CaptureSetupException;
import org.iotevent.capture.CaptureTool;

/** Prerequisites of the tests that capture for real, and a way to run the CLI as its own process. */
public final class LiveTools {
    private LiveTools() {}

    /** Skips the test unless tcpdump is installed and may capture on loopback (root). */
    public static CaptureTool assumeTcpdumpOnLoopback() {
        assumeTrue(CaptureTool.onPath("tcpdump").isPresent(),
                "tcpdump is not installed (Debian: apt-get install tcpdump); live capture test skipped");
        assumeTrue("root".equals(System.getProperty("user.name")),
                "not root: capturing on loopback needs root; live capture test skipped");
        try {
            CaptureTool tool = CaptureTool.find(CaptureTool.Kind.TCPDUMP);
            tool.check("lo", "");
            return tool;
        } catch (CaptureSetupException e) {
            assumeTrue(false, "tcpdump cannot capture on lo here: " + e.getMessage());
            throw new AssertionError(e);
        }
    }

    /** Runs a command to its end and returns its standard output and error together. */
    public static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("did not finish in 60 s: " + command);
        }
        return out;
    }

    /**
     * Starts {@code iotevent ARGS} as a separate JVM on the test class path.
     *
     * @param prefix programs to run it under (for example setpriv ...), may be empty
     * @param env variables to set (a null value removes one)
     */
    public static Process startCli(List<String> prefix, Map<String, String> env, Path workDir, String... args)
            throws IOException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.iotevent.cli.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true);
        env.forEach((k, v) -> {
            if (v == null) {
                pb.environment().remove(k);
            } else {
                pb.environment().put(k, v);
            }
        });
        return pb.start();
    }

    /** Waits for a process, returning its output; fails the test when it takes over 120 s. */
    public static String finish(Process p) throws IOException, InterruptedException {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("CLI did not finish in 120 s: " + out);
        }
        return out;
    }
}
