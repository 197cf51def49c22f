package org.iotevent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM options both launchers (./iotevent and the Debian package's) choose from a command line
 * (packaging/jvm-options.sh, run by bash as they run it): the quick JIT only for a detect over
 * capture files that add up to less than 128 MB (else both JITs at their default thresholds), the smaller inlining for every detect, the
 * serial collector for all.
 */
class LauncherOptionsTest {
    private static final Path SCRIPT = Path.of("..", "packaging", "jvm-options.sh").toAbsolutePath().normalize();
    private static final String C1 = "-XX:TieredStopAtLevel=1";
    private static final String INLINE = "-XX:FreqInlineSize=60";
    private static final String DIRECTIVES = "-XX:CompilerDirectivesFile=";
    private static final String QUIET_VM = "-XX:-DisplayVMOutput";

    @TempDir
    static Path dir;

    static Path small;
    static Path large;

    @BeforeAll
    static void captures() throws IOException {
        small = Files.write(dir.resolve("small.pcap"), new byte[1000]);
        large = dir.resolve("large.pcap");
        try (RandomAccessFile f = new RandomAccessFile(large.toFile(), "rw")) {
            f.setLength(200L * 1024 * 1024); // sparse: takes no disk
        }
    }

    @Test
    void everyCommandRunsWithTheSerialCollectorAndOnlyDetectWithSmallerInlining() throws Exception {
        assertThat(options("devices", "-r", small.toString())).contains("-XX:+UseSerialGC", "-Xmn32m")
                .doesNotContain(INLINE, C1).noneMatch(LauncherOptionsTest::setsC1Thresholds);
        assertThat(options()).contains("-XX:+UseSerialGC").doesNotContain(INLINE, C1);
        assertThat(options("detect", "-r", large.toString())).contains("-XX:+UseSerialGC", INLINE).doesNotContain(C1);
    }

    @Test
    void aSmallCaptureGetsTheQuickJitHoweverItIsNamed() throws Exception {
        String f = small.toString();
        for (List<String> args : List.of(
                List.of("detect", "-r", f, "-s", "sigs"),
                List.of("detect", "-s", "sigs", "--read", f),
                List.of("detect", "--read=" + f),
                List.of("detect", "-r" + f),
                List.of("detect", "-r", f, "-r", f))) {
            assertThat(options(args.toArray(String[]::new))).as("%s", args).contains(C1, INLINE).noneMatch(LauncherOptionsTest::setsC1Thresholds);
        }
    }

    @Test
    void aLongRunKeepsTheOptimisingJit() throws Exception {
        String s = small.toString();
        String l = large.toString();
        for (List<String> args : List.of(
                List.of("detect", "-r", l),
                List.of("detect", "-r", s, "-r", l), // together over the limit
                List.of("detect", "-r", "-"), // standard input: size unknown
                List.of("detect", "-r", dir.toString()), // a folder
                List.of("detect", "-r", dir.resolve("missing.pcap").toString()),
                List.of("detect", "-i", "eth0"),
                List.of("detect", "--interface=wlan0mon"),
                List.of("detect", "-r", s, "-i", "eth0"),
                List.of("detect", "-s", "sigs"))) {
            assertThat(options(args.toArray(String[]::new))).as("%s", args).contains(INLINE, QUIET_VM)
                    .anyMatch(o -> o.startsWith(DIRECTIVES)).doesNotContain(C1).noneMatch(LauncherOptionsTest::setsC1Thresholds);
        }
        for (List<String> args : List.of(List.of("detect", "-r", s), List.of("evaluate", "-r", l), List.of("devices", "-r", l))) {
            assertThat(options(args.toArray(String[]::new))).as("%s: no C2 directed", args)
                    .noneMatch(o -> o.startsWith(DIRECTIVES)).doesNotContain(QUIET_VM);
        }
    }

    /**
     * The compiler directives a long detect runs with are the file beside the script, which this JVM
     * parses (a file it cannot parse stops it before main), and they reach C2 alone; with the launcher's
     * options the JVM prints nothing of them on stdout, where detections go.
     */
    @Test
    void theDirectivesParseAndPrintNothing() throws Exception {
        List<String> opts = options("detect", "-r", large.toString());
        String file = opts.stream().filter(o -> o.startsWith(DIRECTIVES)).findFirst().orElseThrow().substring(DIRECTIVES.length());
        assertThat(Path.of(file)).isEqualTo(SCRIPT.resolveSibling("detect-directives.json"));
        assertThat(Files.readString(Path.of(file))).contains("c2: { Exclude: true }").doesNotContain("c1");
        List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        java.addAll(opts);
        java.addAll(List.of("-XX:+CompilerDirectivesPrint", "-version"));
        Process p = new ProcessBuilder(java).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(err).isZero();
        assertThat(out).as("stdout").isEmpty();
        assertThat(err).as("stderr").contains("version").doesNotContain("directive");
        java.remove(QUIET_VM);
        Process shown = new ProcessBuilder(java).redirectErrorStream(true).start();
        String printed = new String(shown.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(shown.waitFor()).isZero();
        assertThat(printed).as("the directives as the JVM read them").contains("1 compiler directives added")
                .contains("picocli/*.*", "Exclude:true");
    }

    @Test
    void evaluateAndTrainGetTheQuickJitWhateverTheyRead() throws Exception {
        for (String command : List.of("evaluate", "train")) {
            assertThat(options(command, "-r", large.toString())).as(command).contains("-XX:+UseSerialGC", C1)
                    .doesNotContain(INLINE).noneMatch(LauncherOptionsTest::setsC1Thresholds);
            assertThat(options(command, "--iotevents", "x.txt")).as(command).contains(C1);
        }
    }

    @Test
    void theUsersTieredChoiceWins() throws Exception {
        for (String command : List.of("detect", "evaluate", "train")) {
            assertThat(options(Map.of("IOTEVENT_JAVA_OPTS", "-XX:TieredStopAtLevel=4"), command, "-r", small.toString()))
                    .as(command).doesNotContain(C1).noneMatch(LauncherOptionsTest::setsC1Thresholds);
        }
    }

    /**
     * The directives are found beside the script wherever it lies (the Debian package's
     * /usr/lib/iotevent, a folder whose name has a space), and left out when they are not there:
     * a JVM given a file it cannot read does not start.
     */
    @Test
    void theDirectivesAreTheFileBesideTheScriptWhenThereIsOne() throws Exception {
        Path lib = Files.createDirectories(dir.resolve("lib with space"));
        Path script = Files.copy(SCRIPT, lib.resolve("jvm-options.sh"));
        String[] args = {"detect", "-r", large.toString()};
        assertThat(run(script, "iotevent_jvm_options \"$@\"", Map.of(), List.of(args))).as("no file")
                .noneMatch(o -> o.startsWith(DIRECTIVES)).doesNotContain(QUIET_VM).contains(INLINE);
        Path directives = Files.copy(SCRIPT.resolveSibling("detect-directives.json"), lib.resolve("detect-directives.json"));
        assertThat(run(script, "iotevent_jvm_options \"$@\"", Map.of(), List.of(args)))
                .contains(DIRECTIVES + directives, QUIET_VM, INLINE);
    }

    /** Both launchers add the app's archive only when it is there and not older than the jar. */
    @Test
    void theArchiveIsAddedOnlyWhenItIsThereAndNotOlderThanTheJar() throws Exception {
        Path jar = Files.write(dir.resolve("iotevent.jar"), new byte[10]);
        Path jsa = dir.resolve("iotevent.jsa");
        String archive = "-XX:SharedArchiveFile=" + jsa;
        assertThat(withArchive(jsa, jar)).contains("not added").doesNotContain(archive);
        Files.write(jsa, new byte[10]);
        Files.setLastModifiedTime(jsa, java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(jar).toMillis() + 5_000));
        assertThat(withArchive(jsa, jar)).contains("-XX:+UseSerialGC", archive).doesNotContain("not added");
        Files.setLastModifiedTime(jsa, java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(jar).toMillis() - 5_000));
        assertThat(withArchive(jsa, jar)).as("an archive of an earlier jar").contains("not added")
                .doesNotContain(archive);
    }

    /**
     * ./iotevent dumps the archive again at the first run of each command, from the class lists of
     * the commands run before and this one's: detect's classes are in it whichever command ran first.
     */
    @Test
    void theArchivesListsCoverEveryCommandRunSoFar() throws Exception {
        Path lists = dir.resolve("iotevent.jsa.classes");
        Path trainRun = Files.writeString(dir.resolve("train.run"), "org/iotevent/cli/TrainCommand\njava/lang/Object id: 0\n");
        Path detectRun = Files.writeString(dir.resolve("detect.run"), "org/iotevent/cli/DetectCommand\n");
        assertThat(covers(lists, "train")).isFalse();
        addList(lists, "train", trainRun);
        assertThat(covers(lists, "train")).isTrue();
        assertThat(covers(lists, "detect")).isFalse();
        addList(lists, "detect", detectRun);
        assertThat(Files.readAllLines(lists)).containsExactly("# command: train", "org/iotevent/cli/TrainCommand",
                "java/lang/Object id: 0", "# command: detect", "org/iotevent/cli/DetectCommand");
        assertThat(covers(lists, "train")).isTrue();
        assertThat(covers(lists, "detect")).isTrue();
        assertThat(covers(lists, "detec")).isFalse();
    }

    /** Adds a run's list to the lists as ./iotevent does: written anew, then renamed. */
    private static void addList(Path lists, String command, Path runList) throws Exception {
        Path union = dir.resolve("union");
        run("iotevent_archive_list \"$1\" \"$2\" \"$3\" > \"$4\"", Map.of(),
                List.of(lists.toString(), command, runList.toString(), union.toString()));
        Files.move(union, lists, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static boolean covers(Path lists, String command) throws Exception {
        return run("if iotevent_archive_covers \"$1\" \"$2\"; then jvm=(covered); else jvm=(not); fi", Map.of(),
                List.of(lists.toString(), command)).equals(List.of("covered"));
    }

    private static List<String> withArchive(Path jsa, Path jar) throws Exception {
        return run("iotevent_jvm_options demo; iotevent_add_archive \"$1\" \"$2\" || echo 'not added'",
                Map.of(), List.of(jsa.toString(), jar.toString()));
    }

    /** Any change to when the quick JIT compiles: none (its default thresholds serve detect's reading thread best). */
    private static boolean setsC1Thresholds(String option) {
        return option.startsWith("-XX:Tier3");
    }

    private static List<String> options(String... args) throws Exception {
        return options(Map.of(), args);
    }

    private static List<String> options(Map<String, String> env, String... args) throws Exception {
        return run("iotevent_jvm_options \"$@\"", env, List.of(args));
    }

    /** Runs {@code calls} after sourcing the script, with {@code args} as $1..., and lists {@code jvm} after them. */
    private static List<String> run(String calls, Map<String, String> env, List<String> args) throws Exception {
        return run(SCRIPT, calls, env, args);
    }

    private static List<String> run(Path script, String calls, Map<String, String> env, List<String> args) throws Exception {
        assumeTrue(Files.isRegularFile(SCRIPT), "no " + SCRIPT + " (the test runs from the repository's core/)");
        List<String> cmd = new ArrayList<>(List.of(
                "bash", "-c", "set -euo pipefail; source \"$0\"; " + calls + "; printf '%s\\n' \"${jvm[@]}\"",
                script.toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("IOTEVENT_JAVA_OPTS");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out.lines().toList();
    }
}
