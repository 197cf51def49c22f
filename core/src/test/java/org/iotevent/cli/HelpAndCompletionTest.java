package org.iotevent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Every command's --help ends with an example that the command line accepts as written, and the
 * bash completion generated from the commands (what packaging/gen-docs.sh installs) loads in a
 * real bash and completes commands and options.
 */
class HelpAndCompletionTest {
    @Test
    void everyCommandsHelpHasAnExampleThatParses() {
        Map<String, CommandLine> commands = Main.newCommandLine().getSubcommands();
        List<String> checked = new ArrayList<>();
        for (Map.Entry<String, CommandLine> c : commands.entrySet()) {
            if (c.getKey().equals("help")) {
                continue;
            }
            Cli help = Cli.run(c.getKey(), "--help");
            assertThat(help.exit()).isZero();
            assertThat(help.out()).as(c.getKey()).containsPattern("\\nExamples?:\\n  iotevent " + c.getKey() + " ");
            // Examples are shell lines, continued with a trailing backslash; each fits 80 columns.
            String examples = help.out().substring(help.out().indexOf("Example")).replace(" \\\n", " ");
            for (String line : examples.lines().skip(1).toList()) {
                if (line.startsWith("  iotevent ")) {
                    String[] args = line.trim().substring("iotevent ".length()).split("\\s+");
                    Main.newCommandLine().parseArgs(args); // throws ParameterException when an example went stale
                    checked.add(line.trim());
                }
            }
        }
        assertThat(checked).hasSizeGreaterThanOrEqualTo(commands.size() - 1);
        assertThat(Cli.run("--help").out()).contains("Examples:").contains("  iotevent demo");
    }

    @Test
    void bashCompletionLoadsAndCompletes(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "bash is not installed");
        Path script = dir.resolve("iotevent");
        Files.writeString(script, AutoComplete.bash("iotevent", Main.newCommandLine()));
        // compopt only tunes how bash shows the candidates, and works only inside a real completion.
        String out = bash("compopt() { :; }; source " + script + " && complete -p iotevent"
                + " && COMP_WORDS=(iotevent de) COMP_CWORD=1 COMP_LINE='iotevent de' COMP_POINT=11 && _complete_iotevent && echo \"${COMPREPLY[*]}\""
                + " && COMP_WORDS=(iotevent detect --for) COMP_CWORD=2 COMP_LINE='iotevent detect --for' COMP_POINT=21 && _complete_iotevent && echo \"${COMPREPLY[*]}\"");
        List<String> lines = out.lines().toList();
        assertThat(lines.get(0)).contains("complete").endsWith("iotevent");
        assertThat(Arrays.asList(lines.get(1).split(" "))).containsExactlyInAnyOrder("demo", "detect", "defend", "devices");
        assertThat(lines.get(2)).isEqualTo("--format");
    }

    private static String bash(String script) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
