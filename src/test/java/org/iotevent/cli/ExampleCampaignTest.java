package org.iotevent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.iotevent.campaign.CaptureTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's step 1 campaign file, examples/plug.yaml, is valid: its dry run plans it and passes the checks. */
class ExampleCampaignTest {
    @Test
    void examplePlugCampaignDryRuns(@TempDir Path dir) {
        Cli r = Cli.run("capture", "--campaign", "examples/plug.yaml", "--dry-run", "-o", dir.resolve("out").toString());
        assertThat(r.out()).as(r.err())
                .contains("campaign smart-plug: 3 events x 100 repetitions = 300 trials, random order (seed 1)")
                .contains("total duration 5h00m05s")
                .contains("check: every trigger command was found");
        assertThat(dir.resolve("out")).doesNotExist();
        boolean canCapture = CaptureTool.onPath("tcpdump").isPresent() && "root".equals(System.getProperty("user.name"));
        if (canCapture) {
            assertThat(r.exit()).as(r.out()).isZero();
            assertThat(r.out()).contains("check: tcpdump (").doesNotContain("problem: ");
        } else {
            // Without tcpdump or capture rights, the only problem the dry run may report is that one.
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out().lines().filter(l -> l.startsWith("problem: ")))
                    .isNotEmpty().allMatch(l -> l.contains("tcpdump") || l.contains("dumpcap") || l.contains("permission"));
        }
    }
}
