package org.iotevent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands that README.md and docs/*.md show in their {@code bash} blocks work when copied
 * into a shell at the repository root: each runs in bash, in order, in a scratch folder per
 * document that holds {@code ./iotevent} (the CLI on the test class path) and links to the
 * repository's {@code examples} and {@code core}. A command that cannot run here says why in the
 * docs with a {@code # needs: REASON} comment; a few kinds are not run by this test, listed in
 * {@link #NOT_RUN}. Every fenced block is tagged with its language, so a block of commands
 * cannot slip by as plain text, and no document names a path outside the repository.
 */
class DocsCommandsTest {
    /** Commands this test does not run, by their start, and why. */
    static final Map<String, String> NOT_RUN = Map.of(
            "mvn ", "builds and tests the repository itself",
            "bench/", "a benchmark: minutes to hours, run by hand",
            "HOURS=", "a benchmark: minutes to hours, run by hand",
            "packaging/build-deb.sh", "builds the Debian package (minutes; packaging/check.sh --deb runs it)");
    private static final Pattern FENCE = Pattern.compile("^```(\\S*)\\s*$");
    private static final Pattern NEEDS = Pattern.compile("#\\s*needs:\\s*(.+)$");
    private static final Pattern BARE_IOTEVENT = Pattern.compile("(^|[|;&(]\\s*)iotevent\\s");
    /** The repository root: the tests run in the core module's folder. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> notRun = new ArrayList<>();

    @TempDir
    static Path scratch;

    record Command(Path doc, int line, String text) {
        String name() {
            return ROOT.relativize(doc) + ":" + line + ": " + text;
        }
    }

    static List<Path> documents() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> s = Files.list(ROOT.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    /** The commands of a document's bash blocks, continuation lines joined. */
    static List<Command> commands(Path doc) throws IOException {
        List<String> lines = Files.readAllLines(doc);
        List<Command> out = new ArrayList<>();
        boolean inBash = false;
        boolean inBlock = false;
        for (int i = 0; i < lines.size(); i++) {
            Matcher fence = FENCE.matcher(lines.get(i));
            if (fence.matches()) {
                inBash = !inBlock && (fence.group(1).equals("bash") || fence.group(1).equals("sh"));
                inBlock = !inBlock;
                continue;
            }
            if (!inBash || lines.get(i).isBlank() || lines.get(i).trim().startsWith("#")) {
                continue;
            }
            int first = i;
            StringBuilder cmd = new StringBuilder(lines.get(i).trim());
            while (cmd.toString().endsWith("\\") && i + 1 < lines.size()) {
                cmd.setLength(cmd.length() - 1);
                cmd.append(' ').append(lines.get(++i).trim());
            }
            out.add(new Command(doc, first + 1, cmd.toString()));
        }
        return out;
    }

    @TestFactory
    Stream<DynamicNode> everyRunnableCommandOfTheDocsSucceeds() throws IOException {
        List<DynamicNode> perDocument = new ArrayList<>();
        for (Path doc : documents()) {
            List<DynamicTest> tests = new ArrayList<>();
            Path work = scratch.resolve(doc.getFileName().toString());
            for (Command c : commands(doc)) {
                String reason = reasonNotRun(c.text());
                if (reason != null) {
                    notRun.add(c.name() + "  -- " + reason);
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(c.name(), () -> run(work, c)));
            }
            if (!tests.isEmpty()) {
                perDocument.add(DynamicContainer.dynamicContainer(ROOT.relativize(doc).toString(), tests));
            }
        }
        return perDocument.stream();
    }

    static String reasonNotRun(String command) {
        Matcher needs = NEEDS.matcher(command);
        if (needs.find()) {
            return "needs " + needs.group(1).trim();
        }
        return NOT_RUN.entrySet().stream().filter(e -> command.startsWith(e.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    @Test
    void commandsUseTheLauncherAndSayWhyTheyCannotRun() throws IOException {
        int commands = 0;
        for (Path doc : documents()) {
            for (Command c : commands(doc)) {
                commands++;
                Matcher needs = NEEDS.matcher(c.text());
                if (needs.find()) {
                    assertThat(needs.group(1).trim().split("\\s+")).as("the reason of %s", c.name()).hasSizeGreaterThan(1);
                } else {
                    assertThat(BARE_IOTEVENT.matcher(c.text()).find()).as("%s runs ./iotevent from the repository root", c.name())
                            .isFalse();
                }
            }
        }
        assertThat(commands).isGreaterThan(20);
    }

    @Test
    void fencesAreTaggedAndNoPathLeavesTheRepository() throws IOException {
        Pattern up = Pattern.compile("(?:\\.\\./)+[\\w./-]*");
        for (Path doc : documents()) {
            List<String> lines = Files.readAllLines(doc);
            boolean inBlock = false;
            for (int i = 0; i < lines.size(); i++) {
                Matcher fence = FENCE.matcher(lines.get(i));
                if (fence.matches()) {
                    assertThat(inBlock || !fence.group(1).isEmpty()).as("%s:%d: a fenced block names its language (bash, text, ...)",
                            ROOT.relativize(doc), i + 1).isTrue();
                    inBlock = !inBlock;
                }
                Matcher m = up.matcher(lines.get(i));
                while (m.find()) {
                    Path target = doc.getParent().resolve(m.group()).normalize();
                    assertThat(target.startsWith(ROOT)).as("%s:%d names %s, outside the repository", ROOT.relativize(doc), i + 1,
                            m.group()).isTrue();
                }
            }
        }
    }

    @AfterAll
    static void listWhatWasNotRun() {
        System.out.println("Commands of the docs not run by DocsCommandsTest:");
        notRun.forEach(c -> System.out.println("  " + c));
    }

    private static void run(Path work, Command c) throws Exception {
        if (!Files.exists(work.resolve("iotevent"))) {
            Files.createDirectories(work);
            Path launcher = work.resolve("iotevent");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Files.writeString(launcher, "#!/bin/sh\nexec '" + java + "' -cp '" + System.getProperty("java.class.path")
                    + "' org.iotevent.cli.Main \"$@\"\n");
            assertThat(launcher.toFile().setExecutable(true)).isTrue();
            Files.createSymbolicLink(work.resolve("examples"), ROOT.resolve("examples"));
            Files.createSymbolicLink(work.resolve("core"), ROOT.resolve("core"));
        }
        File log = work.resolve("last-command.log").toFile();
        Process p = new ProcessBuilder("bash", "-o", "pipefail", "-c", c.text()).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(log).start();
        boolean done = p.waitFor(5, TimeUnit.MINUTES);
        if (!done) {
            p.destroyForcibly();
        }
        String output = Files.readString(log.toPath());
        assertThat(done).as("%s finished within 5 minutes", c.name()).isTrue();
        assertThat(p.exitValue()).as("exit status of %s; output:%n%s", c.name(),
                output.length() > 4000 ? output.substring(output.length() - 4000) : output).isZero();
    }
}
