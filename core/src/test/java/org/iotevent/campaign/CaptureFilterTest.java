package org.iotevent.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.iotevent.capture.CaptureSetupException;
import org.iotevent.capture.CaptureTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13: a capture filter starting with '-' is a filter (and invalid), never a tcpdump option. */
class CaptureFilterTest {
    @TempDir
    Path dir;

    @Test
    void filterStartingWithADashIsNotAnOption() throws Exception {
        CaptureTool tcpdump = LiveTools.assumeTcpdumpOnLoopback();
        Path elsewhere = dir.resolve("elsewhere.pcap");
        String filter = "-w" + elsewhere;
        assertThat(tcpdump.fileCommand("lo", filter, dir.resolve("c.pcap"), 10)).endsWith("--", filter);
        assertThatThrownBy(() -> tcpdump.check("lo", filter)).isInstanceOf(CaptureSetupException.class)
                .hasMessageContaining("capture filter '" + filter + "' is not valid");
        assertThat(Files.exists(elsewhere)).isFalse();
    }
}
