package org.iotevent.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13, limits of a signature: checked when writing as when reading. */
class SignatureLimitsTest {
    @TempDir
    Path dir;

    private static Signature with(Signature s, ClassifierSpec spec, List<LabeledSample> samples) {
        return new Signature(s.device(), s.gapNanos(), s.windowNanos(), s.lengthLayer(), spec, s.events(), s.privacyEvents(),
                samples, s.training(), s.provenance());
    }

    @Test
    void kThatDetectWouldRefuseIsNotWritten() throws Exception {
        Signature golden = SignatureFile.read(SignatureFileTest.golden());
        Path out = dir.resolve("k2000.json");
        Signature bad = with(golden, new ClassifierSpec("paper", new TreeMap<>(java.util.Map.of("k", 2000.0))),
                golden.samples());
        assertThatThrownBy(() -> SignatureFile.write(bad, out)).isInstanceOf(SignatureFormatException.class)
                .hasMessageContaining("cannot write the signature").hasMessageContaining("k: expected an integer in [1, 1000]");
        assertThat(out).doesNotExist();
    }

    @Test
    void samplesBeyondTheLimitsAreRefusedWithTheirPlace() throws Exception {
        Signature golden = SignatureFile.read(SignatureFileTest.golden());
        List<LabeledSample> samples = new ArrayList<>(golden.samples());
        int[] huge = new int[SignatureFile.MAX_SAMPLE_PACKETS + 1];
        java.util.Arrays.fill(huge, 100);
        samples.add(new LabeledSample("ON", huge));
        Path out = dir.resolve("huge.json");
        assertThatThrownBy(() -> SignatureFile.write(with(golden, golden.classifier(), samples), out))
                .hasMessageContaining("samples[6].lengths").hasMessageContaining("100001 packets, beyond the limits");
        assertThat(out).doesNotExist();

        String text = Files.readString(SignatureFileTest.golden());
        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= SignatureFile.MAX_SAMPLES; i++) {
            many.append(i == 0 ? "" : ",").append("{\"label\":\"ON\",\"lengths\":[1]}");
        }
        Path f = Files.writeString(dir.resolve("many.json"), text.replaceFirst("\"samples\" : \\[", "\"samples\" : [" + many + ","));
        assertThatThrownBy(() -> SignatureFile.read(f)).hasMessageContaining("field 'samples'")
                .hasMessageContaining("more than the limit of " + SignatureFile.MAX_SAMPLES);
    }

    @Test
    void alignmentOfAPathologicalBurstComparesItsHeadOnly() {
        int[] longBurst = new int[100_000];
        java.util.Arrays.fill(longBurst, -60);
        longBurst[0] = -235;
        AlignmentClassifier c = new AlignmentClassifier(List.of(longBurst, new int[] {-235, 171, -52, 52}),
                List.of("stream", "ON"), 1, 1.0);
        // equal on the first MAX_COMPARED_PACKETS: the same as the training burst, whatever follows
        int[] other = longBurst.clone();
        other[AlignmentClassifier.MAX_COMPARED_PACKETS + 5] = 1400;
        assertThat(c.classify(other).label()).isEqualTo("stream");
        assertThat(c.classify(other).distance()).isZero();
        assertThat(c.classify(new int[] {-235, 171, -52, 52}).label()).isEqualTo("ON");
    }
}
