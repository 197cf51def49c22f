package org.iotevent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.iotevent.capture.SharedData;
import org.iotevent.signature.Signature;
import org.iotevent.signature.SignatureFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path on a real capture with a real event log: PingPong's TP-Link plug session
 * (src/test/resources/realdata/data/pingpong-tplink). Its frames between the phone and the plug appear twice in the
 * capture (541 duplicates), which the device view drops.
 */
@Tag(SharedData.TAG)
class PingPongRealCaptureTest {
    @TempDir
    Path dir;

    @Test
    void trainThenDetectRunCleanly() throws Exception {
        Path pcap = SharedData.file("captures/pingpong-wlan1.local.dns.pcap");
        Path events = SharedData.file("data/pingpong-tplink/events.csv");
        Path sig = dir.resolve("tplink.json");

        Cli train = Cli.run("train", "-r", pcap.toString(), "--events", events.toString(), "--device", "192.168.1.159",
                "--privacy", "ON", "-o", sig.toString());
        assertThat(train.exit()).as(train.err()).isZero();
        assertThat(train.out()).contains("1354 packets of 4648").containsPattern("ON\\s+6\\s+\\d+\\s+yes");
        Signature s = SignatureFile.read(sig);
        assertThat(s.learntEvents()).containsExactly("OFF", "ON");

        Cli detect = Cli.run("detect", "-r", pcap.toString(), "-s", sig.toString(), "--format", "csv");
        assertThat(detect.exit()).as(detect.err()).isZero();
        assertThat(detect.out().lines().skip(1).filter(l -> l.contains(",ON,") || l.contains(",OFF,")).count())
                .as("bursts labelled as an event").isGreaterThanOrEqualTo(6);
        assertThat(detect.err()).contains("4648 packets, 1354 of the device");
    }

    /**
     * Issue 10: with the automatic a and b, each of the 12 triggers gives one event sample, and
     * detection on the same capture raises about one alert per trigger, each within 2 s after one.
     */
    @Test
    void automaticParametersGiveOneSampleAndOneAlertPerTrigger() throws Exception {
        Path pcap = SharedData.file("captures/pingpong-wlan1.local.dns.pcap");
        Path events = SharedData.file("data/pingpong-tplink/events.csv");
        Path sig = dir.resolve("tplink.json");
        Cli train = Cli.run("train", "-r", pcap.toString(), "--events", events.toString(), "--device", "192.168.1.159",
                "--privacy", "ON,OFF", "-o", sig.toString());
        assertThat(train.exit()).as(train.err()).isZero();
        Signature s = SignatureFile.read(sig);
        long eventSamples = s.samples().stream().filter(x -> !x.label().equals("other")).count();
        assertThat(eventSamples).as(train.out()).isBetween(11L, 15L);

        java.util.List<Long> triggers = Files.readAllLines(events).stream().skip(1).filter(l -> !l.isBlank())
                .map(l -> Long.parseLong(l.split(",")[0]) * 1000).toList();
        Cli detect = Cli.run("detect", "-r", pcap.toString(), "-s", sig.toString());
        assertThat(detect.exit()).as(detect.err()).isZero();
        java.util.List<Long> alerts = detect.err().lines().filter(l -> l.contains("ALERT"))
                .map(l -> java.time.Instant.parse(l.replaceAll(".* at (\\S+) .*", "$1")).toEpochMilli()).toList();
        assertThat(alerts).as(detect.err()).hasSizeBetween(10, 14);
        for (long a : alerts) {
            assertThat(triggers).as("a trigger at most 2 s before the alert at " + a)
                    .anyMatch(t -> a >= t && a - t <= 2_000);
        }
    }
}
