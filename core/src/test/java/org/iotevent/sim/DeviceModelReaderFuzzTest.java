package org.iotevent.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the device-model reader: any bytes give a model or one
 * {@link ModelFormatException} naming the source; nothing else may escape. Regression mode
 * replays {@code DeviceModelReaderFuzzTestInputs/}; {@code bench/fuzz.sh} fuzzes.
 */
class DeviceModelReaderFuzzTest {
    private static final String SOURCE = "fuzz-model.json";

    @FuzzTest(maxDuration = "5m")
    void anyBytesGiveAModelOrAModelFormatException(byte[] json) {
        try {
            DeviceModel model = DeviceModelReader.parse(json, SOURCE);
            assertThat(model.name()).matches("[a-z0-9][a-z0-9-]*");
        } catch (ModelFormatException e) {
            assertThat(e.getMessage()).startsWith(SOURCE + ": ");
        }
    }
}
