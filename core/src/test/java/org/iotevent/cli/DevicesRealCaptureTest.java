package org.iotevent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.iotevent.capture.SharedData;
import org.iotevent.traffic.OuiRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code devices} names the real devices in src/test/resources/realdata from their own evidence: PingPong's TP-Link
 * plug (its cloud names, its MAC block, its local-control port 9999) and the Blink camera (its
 * cloud's names; its MAC block is the Wi-Fi chip maker's, Texas Instruments, and its DHCP host
 * name the chip's, "mysimplelink").
 */
@Tag(SharedData.TAG)
class DevicesRealCaptureTest {
    static JsonNode device(JsonNode result, String address) {
        for (JsonNode d : result.get("devices")) {
            for (JsonNode a : d.get("addresses")) {
                if (a.asText().equals(address)) {
                    return d;
                }
            }
        }
        throw new AssertionError("no device " + address + " in " + result.toPrettyString());
    }

    static JsonNode run(Path capture) throws Exception {
        Cli r = Cli.run("devices", "-r", capture.toString(), "--format", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void namesTheTpLinkPlugAndNotThePhoneThatRunsItsApp() throws Exception {
        JsonNode result = run(SharedData.file("captures/pingpong-wlan1.local.dns.pcap"));
        JsonNode plug = device(result, "192.168.1.159");
        assertThat(plug.get("mac").asText()).isEqualTo("50:c7:bf:33:1f:09");
        assertThat(plug.at("/guess/label").asText()).startsWith("TP-Link Kasa");
        assertThat(plug.at("/guess/evidence").toString()).contains("devs.tplinkcloud.com", "events.tplinkra.com",
                "port 9999");
        assertThat(plug.get("serverNames").toString()).contains("events.tplinkra.com");
        assertThat(plug.at("/listens/9999").asInt()).isPositive();
        if (Files.isRegularFile(OuiRegistry.DEBIAN_OUI)) {
            assertThat(plug.get("macOwner").asText()).contains("TP-LINK");
            assertThat(plug.at("/guess/evidence").toString()).contains("MAC block 50C7BF");
        }
        // the phone looks up the Kasa cloud too (the app), but most of what it talks to is Google's
        JsonNode phone = device(result, "192.168.1.160");
        assertThat(phone.get("dnsNames").toString()).contains("wap.tplinkcloud.com");
        assertThat(phone.get("guess").isNull()).as(phone.toPrettyString()).isTrue();
        assertThat(result.get("wanAddress").isNull()).isTrue();
    }

    @Test
    void namesTheBlinkCameraFromItsCloudAndShowsItsDhcpHostName() throws Exception {
        JsonNode result = run(SharedData.file("data/blink-cam/capture.pcap"));
        JsonNode cam = device(result, "192.168.1.129");
        assertThat(cam.get("mac").asText()).isEqualTo("f4:b8:5e:ff:2b:1b");
        assertThat(cam.at("/guess/label").asText()).isEqualTo("Blink camera");
        assertThat(cam.at("/guess/evidence").toString()).contains("immedia-semi.com");
        assertThat(cam.get("dhcpHostName").asText()).isEqualTo("F4B85EFF2B1B-mysimplelink");
        assertThat(cam.get("clouds").get(0).get("cloud").asText()).isEqualTo("immedia-semi.com");
        if (Files.isRegularFile(OuiRegistry.DEBIAN_OUI)) {
            assertThat(cam.get("macOwner").asText()).isEqualTo("Texas Instruments");
        }
    }

    /** The plug's signature records its identity; --match applies it to the plug alone, not to the phone running its app. */
    @Test
    void matchAppliesThePlugsSignatureToThePlugOnly(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path pcap = SharedData.file("captures/pingpong-wlan1.local.dns.pcap");
        Path events = SharedData.file("data/pingpong-tplink/events.csv");
        Path sigs = Files.createDirectories(dir.resolve("sigs"));
        Cli train = Cli.run("train", "-r", pcap.toString(), "--events", events.toString(), "--device", "192.168.1.159",
                "-o", sigs.resolve("kasa.json").toString());
        assertThat(train.exit()).as(train.err()).isZero();
        assertThat(train.out()).contains("identity (for detect --match): names devs.tplinkcloud.com, events.tplinkra.com, "
                + "use1-api.tplinkra.com; MAC block 50C7BF; accepts TCP on [9999]");
        Cli d = Cli.run("detect", "--match", "-r", pcap.toString(), "-s", sigs.toString(), "--format", "csv");
        assertThat(d.exit()).as(d.err()).isZero();
        assertThat(d.err()).contains("kasa applies to 192.168.1.159: names devs.tplinkcloud.com, events.tplinkra.com, "
                + "use1-api.tplinkra.com (3 of 3 names it used)").contains("no signature fits 192.168.1.160")
                .doesNotContain("applies to 192.168.1.160");
        assertThat(d.out().lines().skip(1).map(l -> l.split(",")[2]).distinct().toList()).containsExactly("kasa@192.168.1.159");
    }
}
