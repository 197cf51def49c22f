package org.iotevent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.iotevent.capture.SharedData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On PingPong's real TP-Link capture (12 triggers, 6 ON and 6 OFF), evaluate leads with the
 * event-level pair and counts per trigger and per sample, never pooled over its repeated splits.
 */
@Tag(SharedData.TAG)
class PingPongHeadlineTest {
    @TempDir
    Path dir;

    @Test
    void evaluateLeadsWithEventsReadAndCountsEachSampleOnce() throws Exception {
        Path pcap = SharedData.file("captures/pingpong-wlan1.local.dns.pcap");
        Path events = SharedData.file("data/pingpong-tplink/events.csv");
        Path json = dir.resolve("eval.json");
        Cli r = Cli.run("evaluate", "-r", pcap.toString(), "--events", events.toString(), "--device", "192.168.1.159",
                "--repeats", "5", "--json", json.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().lines().skip(1).findFirst().orElseThrow()).startsWith("events read ").contains("false alarms ");
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertThat(j.get("per_event").get("ON").get("triggers").intValue()).isEqualTo(6);
        assertThat(j.get("per_event").get("OFF").get("triggers").intValue()).isEqualTo(6);
        long cells = 0;
        for (JsonNode row : j.get("confusion")) {
            for (JsonNode cell : row) {
                cells += cell.longValue();
            }
        }
        int samples = j.get("samples").intValue();
        assertThat(cells).as("each sample once").isEqualTo(samples);
        assertThat(j.get("tp").longValue() + j.get("tn").longValue() + j.get("fp").longValue() + j.get("fn").longValue())
                .isEqualTo(samples);
        assertThat(j.get("pairs").get(0).get("verdict").textValue()).isIn("distinguishable", "indistinguishable", "undecided");
    }
}
