package org.iotevent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.iotevent.traffic.SyntheticHome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, interrupts: SIGTERM, SIGINT and kill -9 of a real {@code iotevent detect -o} process
 * in the middle of a capture, and a closed standard input.
 */
class InterruptTest {
    @TempDir
    static Path dir;
    static Path capture;
    static Path signature;
    static List<String> complete;

    @BeforeAll
    static void bigCaptureAndItsFullDetection() throws Exception {
        Path small = dir.resolve("small.pcap");
        Path events = dir.resolve("events.csv");
        SyntheticHome.writeLog(events, SyntheticHome.write(small, SyntheticHome.Vantage.LAN, 20, 1));
        signature = dir.resolve("plug.json");
        Cli t = Cli.run("train", "-r", small.toString(), "--events", events.toString(), "--device", SyntheticHome.PLUG_IP,
                "-o", signature.toString());
        assertThat(t.exit()).as(t.err()).isZero();
        capture = dir.resolve("big.pcap");
        // long enough that a signal sent once detections are written finds the pass still reading (about 0.3 GB)
        SyntheticHome.write(capture, SyntheticHome.Vantage.LAN, 30_000, 3);
        Path full = dir.resolve("full.jsonl");
        Cli d = Cli.run("detect", "-r", capture.toString(), "-s", signature.toString(), "--format", "jsonl", "-o",
                full.toString());
        assertThat(d.exit()).as(d.err()).isZero();
        complete = Files.readAllLines(full);
    }

    /** Starts detect -o OUT and waits until its temporary output holds detections. */
    private static Process detectUntilWriting(Path out) throws Exception {
        Process p = CliProcess.builder(dir, "detect", "-r", capture.toString(), "-s", signature.toString(), "--format",
                "jsonl", "-o", out.toString()).redirectOutput(dir.resolve(out.getFileName() + ".stdout").toFile())
                .redirectError(dir.resolve(out.getFileName() + ".stderr").toFile()).start();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline && p.isAlive() && temporaries(out).stream().noneMatch(InterruptTest::nonEmpty)) {
            Thread.sleep(5);
        }
        assumeTrue(p.isAlive(), "detect ended before it could be interrupted");
        return p;
    }

    private static boolean nonEmpty(Path f) {
        try {
            return Files.size(f) > 0;
        } catch (IOException gone) {
            return false;
        }
    }

    private static List<Path> temporaries(Path out) throws IOException {
        try (Stream<Path> s = Files.list(out.getParent())) {
            return s.filter(f -> f.getFileName().toString().startsWith("." + out.getFileName() + ".iotevent-tmp-")).toList();
        }
    }

    /** The output holds a prefix of the full run's detections, each complete, then the note. */
    private static void assertCompletePrefixThenNote(Path out, String stderr) throws IOException {
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSizeGreaterThan(1);
        assertThat(lines.get(lines.size() - 1)).startsWith("{\"interrupted\":true,\"packets_read\":");
        List<String> found = lines.subList(0, lines.size() - 1);
        assertThat(found.size()).isLessThan(complete.size());
        // every detection closed before the signal is the full run's; the burst open at the signal may be cut
        assertThat(complete.subList(0, found.size() - 1)).isEqualTo(found.subList(0, found.size() - 1));
        assertThat(stderr).contains("iotevent: interrupted: ").contains(" bursts: ");
        assertThat(temporaries(out)).isEmpty();
    }

    /** Sends SIG{@code signal} to detect -o in the middle of the capture; checks the exit code and the output. */
    private static void signalDuringDetect(String signal, int exit) throws Exception {
        Path out = dir.resolve(signal + ".jsonl");
        Process p = detectUntilWriting(out);
        String status = Files.readString(Path.of("/proc/" + p.pid() + "/status"));
        long ignored = status.lines().filter(l -> l.startsWith("SigIgn:")).map(l -> Long.parseLong(l.substring(7).trim(), 16))
                .findFirst().orElse(0L);
        assumeTrue((ignored & (1L << (exit - 128 - 1))) == 0, "SIG" + signal + " is ignored in this process tree "
                + "(a background job): nothing to test");
        new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(exit);
        assertCompletePrefixThenNote(out, Files.readString(dir.resolve(out.getFileName() + ".stderr")));
    }

    @Test
    void sigtermDuringDetectCommitsWhatWasFoundAndSaysSo() throws Exception {
        signalDuringDetect("TERM", 143);
    }

    @Test
    void sigintDuringDetectCommitsWhatWasFoundAndSaysSo() throws Exception {
        signalDuringDetect("INT", 130);
    }

    @Test
    void kill9LeavesNoOutputAndTheNextRunRemovesItsTemporaryFile() throws Exception {
        Path out = dir.resolve("killed.jsonl");
        Process p = detectUntilWriting(out);
        p.destroyForcibly().waitFor();
        assertThat(out).doesNotExist();
        assertThat(temporaries(out)).hasSize(1);
        Cli again = Cli.run("detect", "-r", capture.toString(), "-s", signature.toString(), "--format", "jsonl", "-o",
                out.toString());
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(temporaries(out)).isEmpty();
        assertThat(Files.readAllLines(out)).isEqualTo(complete);
    }

    @Test
    void closedStandardInputIsAClearError() throws Exception {
        // the shell's <&- : the JVM then finds its own files at descriptor 0
        List<String> java = CliProcess.builder(dir, "detect", "-r", "-", "-s", signature.toString()).command();
        Process p = new ProcessBuilder(Stream.concat(Stream.of("bash", "-c", "exec \"$@\" <&-", "bash"), java.stream())
                .toList()).directory(dir.toFile()).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(said).isEqualTo(1);
        assertThat(said).contains("iotevent: -: standard input is closed").doesNotContain("SIGSEGV").doesNotContain("Exception");
    }

    /**
     * Kills {@code iotevent ARGS} (writing {@code out}) with {@code signal} at a seeded random
     * moment; {@code out} is then absent or {@code complete}; a next run in-process writes it and
     * leaves no temporary file.
     */
    private static void killAtARandomMoment(Path out, java.util.function.Predicate<Path> complete, String signal,
            String... args) throws Exception {
        java.util.Random random = new java.util.Random(13 + signal.hashCode());
        Files.deleteIfExists(out);
        Process p = CliProcess.builder(dir, args).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Thread.sleep(200 + random.nextInt(1000));
        new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(!Files.exists(out) || complete.test(out)).as("%s after SIG%s: complete or absent", out, signal).isTrue();
        Cli last = Cli.run(args);
        assertThat(last.exit()).as(last.err()).isZero();
        assertThat(complete.test(out)).isTrue();
        assertThat(temporaries(out)).as("no temporary file once the next run finished").isEmpty();
    }

    @Test
    void trainKilledAtRandomPointsLeavesACompleteSignatureOrNone() throws Exception {
        Path out = dir.resolve("trained.json");
        Path events = dir.resolve("big-events.csv");
        if (!Files.exists(events)) {
            SyntheticHome.writeLog(events, SyntheticHome.write(dir.resolve("big2.pcap"), SyntheticHome.Vantage.LAN, 4_000, 3));
        }
        java.util.function.Predicate<Path> valid = f -> {
            try {
                return org.iotevent.signature.SignatureFile.read(f).samples().size() > 0;
            } catch (IOException e) {
                return false;
            }
        };
        for (String signal : List.of("KILL", "TERM")) {
            killAtARandomMoment(out, valid, signal, "train", "-r", dir.resolve("big2.pcap").toString(), "--events",
                    events.toString(), "--device", SyntheticHome.PLUG_IP, "-o", out.toString());
        }
    }

    @Test
    void reportKilledAtRandomPointsLeavesACompletePageOrNone() throws Exception {
        Path out = dir.resolve("report.html");
        Path detections = Files.write(dir.resolve("some.jsonl"), complete.subList(0, 2000));
        java.util.function.Predicate<Path> whole = f -> {
            try {
                return Files.readString(f).strip().endsWith("</html>");
            } catch (IOException e) {
                return false;
            }
        };
        for (String signal : List.of("KILL", "INT")) {
            killAtARandomMoment(out, whole, signal, "report", "-s", signature.toString(), "--detections",
                    detections.toString(), "-o", out.toString());
        }
    }

    @Test
    void detectKilledAtRandomPointsLeavesCompleteRecordsOrNone() throws Exception {
        Path out = dir.resolve("random.jsonl");
        java.util.function.Predicate<Path> prefix = f -> {
            try {
                List<String> lines = Files.readAllLines(f);
                // a stop before the first detection leaves the note alone: no detection, a complete file
                int kept = Math.max(0, lines.size() - 2);
                return lines.equals(complete) || lines.get(lines.size() - 1).startsWith("{\"interrupted\":true")
                        && complete.subList(0, kept).equals(lines.subList(0, kept));
            } catch (IOException | RuntimeException e) {
                return false;
            }
        };
        for (String signal : List.of("KILL", "TERM")) {
            killAtARandomMoment(out, prefix, signal, "detect", "-r", capture.toString(), "-s", signature.toString(),
                    "--format", "jsonl", "-o", out.toString());
        }
    }
}
