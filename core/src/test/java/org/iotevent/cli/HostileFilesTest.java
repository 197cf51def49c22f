package org.iotevent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, limits: every JSON or YAML file a user gives (signature, evaluation, defences,
 * detections, home, campaign) nested too deep, with a huge number or string, or a key given twice,
 * gets one line naming the file and exit 1, never a stack trace.
 */
class HostileFilesTest {
    @TempDir
    Path dir;

    static final String DEEP = "[".repeat(1001) + "]".repeat(1001);
    static final String LONG_NUMBER = "{\"version\": " + "1".repeat(1001) + "}";
    static final String LONG_STRING = "{\"format\": \"" + "x".repeat(2 << 20) + "\"}";
    static final String TWICE = "{\"format\": \"a\", \"format\": \"b\"}";

    /** Runs {@code args} with FILE replaced by a file holding {@code text}; asserts one clear line. */
    private void assertClearError(String text, String expected, String... args) throws Exception {
        Path f = Files.writeString(dir.resolve("hostile.in"), text);
        String[] a = java.util.Arrays.stream(args).map(s -> s.replace("FILE", f.toString())).toArray(String[]::new);
        Cli r = Cli.run(a);
        assertThat(r.exit()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(1);
        assertThat(r.err().lines().toList()).as(r.err()).hasSize(1);
        assertThat(r.err()).startsWith("iotevent: " + f).contains(expected).doesNotContain("Exception").doesNotContain("\tat ");
    }

    static final List<String[]> READERS = List.of(
            new String[] {"detect", "-r", "x.pcap", "-s", "FILE"},
            new String[] {"report", "--defences", "FILE", "-o", "r.html"},
            new String[] {"report", "--detections", "FILE", "-o", "r.html"},
            new String[] {"simulate", "--home", "FILE", "-o", "sim"});

    @Test
    void nestingNumbersStringsAndDuplicateKeysHaveLimits() throws Exception {
        for (String[] args : READERS) {
            String[] inDir = java.util.Arrays.stream(args).map(s -> s.endsWith(".html") || s.equals("sim")
                    ? dir.resolve(s).toString() : s).toArray(String[]::new);
            assertClearError(DEEP, "nesting depth", inDir);
            assertClearError(LONG_NUMBER, "Number value length", inDir);
            assertClearError(LONG_STRING, "String value length", inDir);
            assertClearError(TWICE, "key given twice: 'format'", inDir);
        }
    }

    @Test
    void aSignatureOfMillionsOfValuesIsRefusedBeforeItFillsTheMemory() throws Exception {
        // was: a 10^7-element array loaded (1 GB of heap); the token limit stops the parser at 4 million
        assertClearError("{\"samples\": [{\"label\": \"a\", \"lengths\": [" + "1,".repeat(4_000_000) + "1]}]}",
                "Token count", "detect", "-r", "x.pcap", "-s", "FILE");
    }

    @Test
    void campaignYamlHasTheSameLimits() throws Exception {
        String[] args = {"capture", "--campaign", "FILE", "--dry-run", "-o", dir.resolve("c").toString()};
        assertClearError("a: " + DEEP, "nesting depth", args);
        assertClearError("name: a\nname: b\n", "key given twice: 'name'", args);
        Path latin1 = Files.write(dir.resolve("latin1.yaml"), "name: caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        Cli r = Cli.run("capture", "--campaign", latin1.toString(), "--dry-run");
        assertThat(r.err()).isEqualTo("iotevent: " + latin1 + ": not UTF-8 text\n");
    }

    @Test
    void evaluationHasTheSameLimits() throws Exception {
        // an evaluation belongs to a signature: the signature is read first, so give a real one
        Path small = dir.resolve("s.pcap");
        Path events = dir.resolve("e.csv");
        org.iotevent.traffic.SyntheticHome.writeLog(events,
                org.iotevent.traffic.SyntheticHome.write(small, org.iotevent.traffic.SyntheticHome.Vantage.LAN, 10, 1));
        Path sig = dir.resolve("sig.json");
        assertThat(Cli.run("train", "-r", small.toString(), "--events", events.toString(), "--device",
                org.iotevent.traffic.SyntheticHome.PLUG_IP, "-o", sig.toString()).exit()).isZero();
        String[] args = {"report", "-s", sig.toString(), "--evaluation", "FILE", "-o", dir.resolve("r.html").toString()};
        assertClearError(DEEP, "nesting depth", args);
        assertClearError(TWICE, "key given twice", args);
    }

    @Test
    void detectionTimeBeyondRangeIsAClearError() throws Exception {
        Path f = Files.writeString(dir.resolve("d.jsonl"),
                "{\"start\":1e300,\"end\":1,\"packets\":1,\"event\":\"x\",\"privacy\":true}\n");
        Cli r = Cli.run("report", "--detections", f.toString(), "-o", dir.resolve("r.html").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains(f + " line 1: time 1.0E300 is not epoch seconds").doesNotContain("Exception");
    }

    @Test
    void simulateRefusesRepetitionsBeyondAYear() {
        Cli r = Cli.run("simulate", "--repetitions", "2000000000", "-o", dir.resolve("sim").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("--repetitions 2000000000").contains("limit of 8760 h").doesNotContain("Exception");
    }

    @Test
    void detectionsThatAreNotUtf8AreNamed() throws Exception {
        // found by ReportInputsFuzzTest: a byte 0xd0 inside a number escaped as MalformedInputException
        Path f = Files.write(dir.resolve("d.jsonl"), "{\"start\":1700\u00d0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        Cli r = Cli.run("report", "--detections", f.toString(), "-o", dir.resolve("r.html").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains(f + " line 1 or the next: not UTF-8 text").doesNotContain("Exception");
    }
}
