package org.iotevent.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.iotevent.capture.CaptureSetupException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CampaignFolderTest {
    @TempDir
    Path dir;

    @Test
    void newCampaignNeedsAnEmptyFolderAndStoresItsFile() throws Exception {
        Path out = dir.resolve("run");
        try (CampaignFolder f = CampaignFolder.create(out, "device: x\n")) {
            assertThat(Files.readString(out.resolve(CampaignFolder.CAMPAIGN))).isEqualTo("device: x\n");
            assertThat(f.nextSession()).isEqualTo(1);
        }
        assertThat(Files.readString(out.resolve(CampaignFolder.JOURNAL))).contains(" campaign created\n");
        assertThatThrownBy(() -> CampaignFolder.create(out, "device: x\n")).isInstanceOf(CaptureSetupException.class)
                .hasMessageContaining("already holds a campaign or other files; use --resume");
    }

    @Test
    void resumeRefusesAnotherCampaignOrAFolderWithout() throws Exception {
        Path out = dir.resolve("run");
        CampaignFolder.create(out, "repetitions: 5\n").close();
        assertThatThrownBy(() -> CampaignFolder.resume(out, "repetitions: 6\n")).isInstanceOf(CaptureSetupException.class)
                .hasMessageContaining("the campaign file differs from " + out.resolve(CampaignFolder.CAMPAIGN));
        assertThatThrownBy(() -> CampaignFolder.resume(dir.resolve("none"), "x")).isInstanceOf(CaptureSetupException.class)
                .hasMessageContaining("holds no started campaign");
    }

    @Test
    void resumeDropsALineCutByACrashAndJournalsIt() throws Exception {
        Path out = dir.resolve("run");
        CampaignFolder.create(out, "c\n").close();
        Files.writeString(out.resolve(CampaignFolder.EVENTS), "timestamp,event\n1700000000.000001,on\n17000000");
        try (CampaignFolder f = CampaignFolder.resume(out, "c\n")) {
            assertThat(f.loggedCounts()).containsExactly(java.util.Map.entry("on", 1));
        }
        assertThat(Files.readString(out.resolve(CampaignFolder.JOURNAL))).contains("removed an unfinished last line");
    }
}
