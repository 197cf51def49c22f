package org.iotevent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.iotevent.traffic.SyntheticHome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 13, outputs: what must not be destroyed is not, and a failing standard output ends the run. */
class OutputSafetyTest extends SyntheticPlugTest {
    @BeforeEach
    void trainAPlug() throws Exception {
        Cli t = Cli.run("train", "-r", lan.toString(), "--events", events.toString(), "--device", SyntheticHome.PLUG_IP,
                "-o", signature.toString());
        assertThat(t.exit()).as(t.err()).isZero();
    }

    @Test
    void outputThatIsAnInputIsRefusedAndTheInputKept() throws Exception {
        byte[] capture = Files.readAllBytes(lan);
        byte[] sig = Files.readAllBytes(signature);
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), signature.getFileName());
        String[][] runs = {
            {"detect", "-r", lan.toString(), "-s", signature.toString(), "-o", lan.toString()},
            {"detect", "-r", lan.toString(), "-s", signature.toString(), "-o", link.toString()},
            {"train", "-r", lan.toString(), "--events", events.toString(), "--device", SyntheticHome.PLUG_IP, "-o",
                events.toString()},
            {"report", "-s", signature.toString(), "-o", signature.toString()},
            {"evaluate", "-r", lan.toString(), "--events", events.toString(), "--device", SyntheticHome.PLUG_IP,
                "--repeats", "1", "--json", events.toString()},
        };
        for (String[] args : runs) {
            Cli r = Cli.run(args);
            assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(1);
            assertThat(r.err()).contains("it is the input").doesNotContain("Exception");
        }
        assertThat(Files.readAllBytes(lan)).isEqualTo(capture);
        assertThat(Files.readAllBytes(signature)).isEqualTo(sig);
        assertThat(Files.readAllLines(events)).first().isEqualTo("timestamp,event");
    }

    @Test
    void symlinkToDevNullStaysALink() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("null.jsonl"), Path.of("/dev/null"));
        Cli r = Cli.run("detect", "-r", lan.toString(), "-s", signature.toString(), "--format", "jsonl", "-o", link.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.isRegularFile(Path.of("/dev/null"))).isFalse();
    }

    @Test
    void detectIntoAFullDiskFails() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/full")), "no /dev/full");
        Process p = CliProcess.builder(dir, "detect", "-r", lan.toString(), "-s", signature.toString())
                .redirectOutput(Path.of("/dev/full").toFile()).redirectError(dir.resolve("err").toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("err"))).contains("iotevent: cannot write standard output: No space left on device")
                .doesNotContain("Exception");
    }

    @Test
    void inspectStopsWhenItsReaderLeaves() throws Exception {
        Path big = dir.resolve("big.pcap");
        SyntheticHome.write(big, SyntheticHome.Vantage.LAN, 3000, 2);
        Process p = CliProcess.builder(dir, "inspect", "-r", big.toString())
                .redirectError(dir.resolve("err").toFile()).start();
        try (BufferedReader head = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(head.readLine()).startsWith("frame");
            assertThat(head.readLine()).startsWith("1\t");
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        // 141 as after SIGPIPE: the run ended on the closed pipe, not after reading the whole capture (exit 0)
        assertThat(p.exitValue()).isEqualTo(141);
        assertThat(Files.readString(dir.resolve("err"))).isEmpty();
    }

    @Test
    void simulateRefusesAFolderHoldingFilesUnlessForced() throws Exception {
        Path out = Files.createDirectories(dir.resolve("sim"));
        Path mine = Files.writeString(out.resolve("lan.pcap"), "my own capture");
        Cli r = Cli.run("simulate", "--home", "tuya-plug", "--hours", "0.05", "--vantage", "lan", "-o", out.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("already holds files").contains("--force");
        assertThat(mine).hasContent("my own capture");
        Cli forced = Cli.run("simulate", "--home", "tuya-plug", "--hours", "0.05", "--vantage", "lan", "--force", "-o",
                out.toString());
        assertThat(forced.exit()).as(forced.err()).isZero();
        assertThat(Files.size(mine)).isGreaterThan(24);

        Path models = Files.createDirectories(dir.resolve("models"));
        Path edited = Files.writeString(models.resolve("tuya-plug.json"), "{\"my\": \"edits\"}");
        assertThat(Cli.run("simulate", "--export-models", models.toString()).exit()).isEqualTo(1);
        assertThat(edited).hasContent("{\"my\": \"edits\"}");
    }
}
