package org.iotevent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scan of a detect command line for the signatures read while picocli reads it. */
class SignatureReadAheadTest {
    @TempDir
    Path dir;

    @Test
    void findsEveryFormOfTheSignatureOptionBeforeTheEndOfOptions() {
        assertThat(SignatureReadAhead.signatureValues("detect", "-r", "x.pcap", "-s", "a.json", "-sb.json", "-s=c.json",
                "--signature", "d,e", "--signature=f.json", "-q", "--", "-s", "g.json"))
                .containsExactly("a.json", "b.json", "c.json", "d,e", "f.json");
        assertThat(SignatureReadAhead.signatureValues("detect", "-r", "x.pcap", "-s")).isEmpty();
        assertThat(SignatureReadAhead.signatureValues("detect", "--format", "jsonl")).isEmpty();
    }

    @Test
    void whatWasReadIsTakenOnlyForTheSameFilesAndOnce() throws Exception {
        Path a = Files.writeString(dir.resolve("a.json"), "{}");
        Path b = Files.writeString(dir.resolve("b.json"), "not json");
        SignatureReadAhead.start("detect", "-s", a + "," + b);
        assertThat(SignatureReadAhead.take(List.of(b, a))).as("other files (another order)").isNull();
        assertThat(SignatureReadAhead.used).isFalse();
        SignatureReadAhead.start("detect", "-s", dir.toString());
        List<Object> read = SignatureReadAhead.take(List.of(a, b));
        assertThat(SignatureReadAhead.used).isTrue();
        assertThat(read).hasSize(2).allSatisfy(r -> assertThat(r).isInstanceOf(Exception.class));
        assertThat(read).map(r -> ((Exception) r).getMessage()).containsExactlyElementsOf(
                DetectCommand.readEach(List.of(a, b), false).stream().map(r -> ((Exception) r).getMessage()).toList());
        assertThat(SignatureReadAhead.take(List.of(a, b))).as("taken once").isNull();
        SignatureReadAhead.start("train", "-s", a.toString());
        assertThat(SignatureReadAhead.take(List.of(a))).as("only detect reads ahead").isNull();
    }
}
