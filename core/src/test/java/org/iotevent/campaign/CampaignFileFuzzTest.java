package org.iotevent.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing of the campaign reader: any text gives a campaign or one
 * {@link CampaignFormatException} naming the file; nothing else may escape. Regression mode
 * replays {@code CampaignFileFuzzTestInputs/}; {@code bench/fuzz.sh} fuzzes.
 */
class CampaignFileFuzzTest {
    private static final String SOURCE = "fuzz.yaml";

    @FuzzTest(maxDuration = "5m")
    void anyTextGivesACampaignOrNamesTheFile(byte[] yaml) {
        try {
            Campaign c = CampaignFile.parse(new String(yaml, StandardCharsets.UTF_8), SOURCE, "fuzz");
            assertThat(c.events()).isNotEmpty();
        } catch (CampaignFormatException e) {
            assertThat(e.getMessage()).startsWith(SOURCE + ": ");
        }
    }
}
