package org.iotevent.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;

/**
 * Coverage-guided fuzzing of the home reader (embedded device models only, no file look-ups):
 * any bytes give a home or one {@link ModelFormatException} naming the source; nothing else may
 * escape. Regression mode replays {@code HomeReaderFuzzTestInputs/}; {@code bench/fuzz.sh} fuzzes.
 */
class HomeReaderFuzzTest {
    private static final String SOURCE = "fuzz-home.json";

    @FuzzTest(maxDuration = "5m")
    void anyBytesGiveAHomeOrAModelFormatException(byte[] json) throws IOException {
        try {
            Home home = HomeReader.parse(json, SOURCE, null);
            assertThat(home.devices()).isNotEmpty().hasSizeLessThanOrEqualTo(150);
        } catch (ModelFormatException e) {
            assertThat(e.getMessage()).startsWith(SOURCE + ": ");
        }
    }
}
