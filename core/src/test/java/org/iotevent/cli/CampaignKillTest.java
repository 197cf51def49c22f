package org.iotevent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.iotevent.campaign.CampaignFolder;
import org.iotevent.campaign.LiveTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: kill -9 of a campaign during a trigger ends the trigger and what it started; a
 * campaign whose capture stays empty says so.
 */
class CampaignKillTest {
    @TempDir
    Path dir;

    @Test
    void killedCampaignLeavesNoTriggerRunning() throws Exception {
        LiveTools.assumeTcpdumpOnLoopback();
        // a trigger that outlives the campaign unless its whole process group is ended: a child in the background
        String marker = "7" + ProcessHandle.current().pid() + ".5";
        Path f = dir.resolve("slow.yaml");
        Files.writeString(f, """
                name: slow
                device: {address: 127.0.0.1}
                interface: lo
                filter: udp and dst port 9
                interval: 1s
                settle: 200ms
                trigger_timeout: 10m
                repetitions: 1
                events:
                  - name: slow
                    trigger: [bash, -c, 'sleep MARK & sleep MARK; true']
                """.replace("MARK", marker));
        Path out = dir.resolve("out");
        Process p = LiveTools.startCli(List.of(), Map.of(), dir, "capture", "--campaign", f.toString(), "-o", out.toString());
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline && sleepers(marker) < 2) {
            Thread.sleep(50);
        }
        assertThat(sleepers(marker)).as("the trigger and its child run").isEqualTo(2);
        p.destroyForcibly().waitFor();
        deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline && sleepers(marker) > 0) {
            Thread.sleep(50);
        }
        assertThat(sleepers(marker)).as("the watchdog killed the trigger's process group with the JVM").isZero();
        assertThat(out.resolve(CampaignFolder.EVENTS)).exists();
        assertThat(Files.readAllLines(out.resolve(CampaignFolder.EVENTS))).doesNotContain("slow");
    }

    private static long sleepers(String marker) {
        return ProcessHandle.allProcesses()
                .filter(h -> h.info().commandLine().orElse("").equals("/usr/bin/sleep " + marker)
                        || h.info().commandLine().orElse("").equals("sleep " + marker))
                .count();
    }

    @Test
    void campaignWhoseCaptureStaysEmptySaysSo() throws Exception {
        LiveTools.assumeTcpdumpOnLoopback();
        Path f = dir.resolve("quiet.yaml");
        Files.writeString(f, """
                name: quiet
                device: {address: 127.0.0.1}
                interface: lo
                filter: udp and dst port 9 and src port 9
                interval: 300ms
                settle: 200ms
                repetitions: 1
                events:
                  - name: nothing
                    trigger: [true]
                """);
        Cli r = Cli.run("capture", "--campaign", f.toString(), "-o", dir.resolve("out").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("warning: this session's capture holds no packet");
        assertThat(Files.readString(dir.resolve("out").resolve(CampaignFolder.JOURNAL))).contains("holds no packet");
    }
}
