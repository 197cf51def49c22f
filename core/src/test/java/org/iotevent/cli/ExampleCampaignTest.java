package org.iotevent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.iotevent.capture.CaptureTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's step 1 campaign file, examples/plug.yaml, is valid: its dry run plans it and passes the checks. */
class ExampleCampaignTest {
    @Test
    void examplePlugCampaignDryRuns(@TempDir Path dir) {
        Cli r = Cli.run("capture", "--campaign", "../examples/plug.yaml", "--dry-run", "-o", dir.resolve("out").toString());
        assertThat(r.out()).as(r.err())
                .contains("campaign smart-plug: 3 events x 100 repetitions = 300 trials, random order (seed 1)")
                .contains("total duration 5h00m05s");
        assertThat(dir.resolve("out")).doesNotExist();
        boolean canCapture = CaptureTool.onPath("tcpdump").isPresent() && "root".equals(System.getProperty("user.name"));
        boolean hasCurl = CaptureTool.onPath("curl").isPresent();
        if (canCapture && hasCurl) {
            assertThat(r.exit()).as(r.out()).isZero();
            assertThat(r.out()).contains("check: tcpdump (").contains("check: every trigger command was found")
                    .doesNotContain("problem: ");
        } else {
            // Without tcpdump, capture rights or curl (the triggers), the dry run reports only those problems.
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out().lines().filter(l -> l.startsWith("problem: "))).isNotEmpty()
                    .allMatch(l -> l.contains("tcpdump") || l.contains("dumpcap") || l.contains("permission") || l.contains("'curl'"));
        }
    }
}
