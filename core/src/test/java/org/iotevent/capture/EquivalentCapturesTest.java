package org.iotevent.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated captures committed in the test set are exactly what {@link EquivalentCaptures}
 * writes, so their tshark oracles describe the code's output (regenerate both if this fails:
 * see src/test/resources/captures/README.md).
 */
class EquivalentCapturesTest {
    @Test
    void committedFilesAreTheGeneratorsOutput(@TempDir Path dir) throws Exception {
        EquivalentCaptures.writeAll(dir);
        for (String name : EquivalentCaptures.names()) {
            assertThat(Files.readAllBytes(dir.resolve(name))).as(name).isEqualTo(Files.readAllBytes(TestCaptures.file(name)));
            assertThat(TestCaptures.oracle(TestCaptures.file(name))).as("oracle of " + name).exists();
        }
    }
}
