package org.iotevent.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed oracles of the generated captures are what make_oracles.sh prints with the
 * tshark they were made with (4.0.17): regenerated into a scratch folder, byte for byte the same.
 * Skips where tshark is missing or another version (its output differs in places).
 */
class GeneratedOraclesTest {
    @Test
    void makeOraclesReproducesTheGeneratedCapturesOracles(@TempDir Path dir) throws Exception {
        String version = run(List.of("tshark", "--version"), dir);
        assumeTrue(version != null && version.contains("TShark (Wireshark) 4.0.17"),
                "tshark 4.0.17 is not installed (Debian 12 package tshark), the version the oracles were made with");
        List<String> command = new ArrayList<>(List.of("bash", TestCaptures.directory().resolve("make_oracles.sh").toString()));
        for (String name : EquivalentCaptures.names()) {
            Files.copy(TestCaptures.file(name), dir.resolve(name));
            command.add(dir.resolve(name).toString());
        }
        assertThat(run(command, dir)).isNotNull();
        for (String name : EquivalentCaptures.names()) {
            for (String suffix : new String[] {".oracle.tsv", ".oracle.err"}) {
                Path committed = TestCaptures.directory().resolve(name + suffix);
                Path made = dir.resolve(name + suffix);
                assertThat(Files.exists(made)).as(made.toString()).isEqualTo(Files.exists(committed));
                if (Files.exists(committed)) {
                    assertThat(Files.readString(made)).as(name + suffix).isEqualTo(Files.readString(committed));
                }
            }
        }
    }

    /** The command's output, or null when it could not run or failed. */
    private static String run(List<String> command, Path dir) throws Exception {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
