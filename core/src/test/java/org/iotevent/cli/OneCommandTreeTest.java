package org.iotevent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A run that names its command builds only that command under the root (start-up); it prints
 * and exits exactly as the whole tree does: usage texts, errors and exit codes.
 */
class OneCommandTreeTest {
    @Test
    void oneCommandsTreeAnswersAsTheWholeTree() {
        List<String[]> runs = new ArrayList<>();
        for (String name : Main.newCommandLine().getSubcommands().keySet()) {
            runs.add(new String[] {name, "--help"});
            runs.add(new String[] {name, "--no-such-option"});
        }
        runs.add(new String[] {"detect", "-s"});
        runs.add(new String[] {"detect", "-s", "/nonexistent/sig.json", "-r", "/nonexistent/x.pcap"});
        runs.add(new String[] {"detect", "-V"});
        runs.add(new String[] {"train", "--gap", "x", "-r", "a.pcap"});
        runs.add(new String[] {"evaluate", "-h", "extra"});
        for (String[] args : runs) {
            String[] whole = run(Main.newCommandLine(), args);
            String[] one = run(Main.newCommandLine(args), args);
            assertThat(one).as(String.join(" ", args)).containsExactly(whole);
        }
    }

    @Test
    void onlyTheNamedCommandIsBuilt() {
        assertThat(Main.newCommandLine("detect", "--help").getSubcommands().keySet()).containsExactly("detect");
        assertThat(Main.newCommandLine("detect", "--help").getCommandSpec().qualifiedName()).isEqualTo("iotevent");
        // every command is found by its name (its class is named after it)
        for (String name : Main.newCommandLine().getSubcommands().keySet()) {
            if (!name.equals("help")) {
                assertThat(Main.newCommandLine(name).getSubcommands().keySet()).as(name).containsExactly(name);
            }
        }
        // no command named first: the whole tree, also for help and names that are not commands
        int all = Main.newCommandLine().getSubcommands().size();
        assertThat(all).isGreaterThan(10);
        for (String[] args : List.of(new String[0], new String[] {"--help"}, new String[] {"help", "detect"},
                new String[] {"detec"}, new String[] {"-V"})) {
            assertThat(Main.newCommandLine(args).getSubcommands()).hasSize(all);
        }
    }

    /** Exit code, standard output and standard error of one in-process run. */
    private static String[] run(CommandLine cli, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new String[] {Integer.toString(exit), out.toString(), err.toString()};
    }
}
