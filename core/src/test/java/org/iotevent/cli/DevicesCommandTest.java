package org.iotevent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.iotevent.sim.HomeReader;
import org.iotevent.sim.HomeSimulator;
import org.iotevent.sim.SimulationOptions;
import org.iotevent.sim.Vantage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code devices} on simulated homes, whose truth is known. */
class DevicesCommandTest {
    private static final long S = 1_000_000_000L;

    @TempDir
    static Path dir;
    static Path home;

    @BeforeAll
    static void simulate() throws Exception {
        home = dir.resolve("home");
        HomeSimulator.run(HomeReader.defaultHome(), SimulationOptions.defaults(3).withDurationNanos(900 * S)
                .withVantages(EnumSet.of(Vantage.LAN, Vantage.WAN, Vantage.WAN6)), home);
    }

    @Test
    void findsEveryDeviceOfTheDefaultHomeOnTheLanAndNamesItsModel() throws Exception {
        JsonNode result = DevicesRealCaptureTest.run(home.resolve("lan.pcap"));
        String[][] expected = {
            {"192.168.1.100", "Yeelight light strip"}, {"192.168.1.101", "Mi plug mini"},
            {"192.168.1.102", "Mi control hub"}, {"192.168.1.103", "Tuya WiFi lamp"},
            {"192.168.1.104", "Tuya WiFi plug"}, {"192.168.1.105", "TP-Link HS100"},
            {"192.168.1.106", "ORVIBO smart socket"}, {"192.168.1.107", "Jellyfish LED bulb"},
            {"192.168.1.108", "BroadLink SP mini 3"}};
        // and the router, which answers the devices' DHCP
        assertThat(result.get("devices")).hasSize(expected.length + 1);
        assertThat(DevicesRealCaptureTest.device(result, "192.168.1.1").get("guess").isNull()).isTrue();
        for (String[] e : expected) {
            JsonNode d = DevicesRealCaptureTest.device(result, e[0]);
            assertThat(d.at("/guess/label").asText()).as(d.toPrettyString()).isEqualTo(e[1]);
            assertThat(d.get("connections")).as("one long-lived connection to its cloud").hasSize(1);
        }
        JsonNode plug = DevicesRealCaptureTest.device(result, "192.168.1.105");
        assertThat(plug.get("serverNames").toString()).contains("devs.tplinkcloud.com");
        assertThat(plug.at("/connections/0/heartbeatSeconds").asDouble()).isBetween(50.0, 70.0);
    }

    @Test
    void onTheWanSideListsEachDevicesConnectionUnderItsCloud() throws Exception {
        JsonNode result = DevicesRealCaptureTest.run(home.resolve("wan.pcap"));
        assertThat(result.get("devices")).isEmpty();
        assertThat(result.get("wanAddress").asText()).isEqualTo("198.51.100.7");
        int connections = 0;
        for (JsonNode c : result.get("clouds")) {
            connections += c.get("connections").size();
        }
        assertThat(connections).as(result.toPrettyString()).isEqualTo(9);
        Cli text = Cli.run("devices", "-r", home.resolve("wan.pcap").toString());
        assertThat(text.out()).contains("WAN side: home address 198.51.100.7")
                .containsPattern("cloud tplinkcloud.com \\(devs.tplinkcloud.com\\): 1 connection")
                .contains("--device wan:198.51.100.7:");
    }

    /**
     * Over IPv6 the devices ask for AAAA records and the answers carry the clouds' IPv6 addresses:
     * every connection is named, the UDP ones (no TLS, so no SNI) from the AAAA answers alone, and
     * a selection by the cloud's name learns its IPv6 address from them.
     */
    @Test
    void onAnIpv6WanTheAaaaAnswersNameTheClouds() throws Exception {
        JsonNode result = DevicesRealCaptureTest.run(home.resolve("wan6.pcap"));
        int udp = 0;
        for (JsonNode c : result.get("clouds")) {
            for (JsonNode conn : c.get("connections")) {
                assertThat(conn.get("name").isNull()).as(conn.toString()).isFalse();
                assertThat(conn.get("remote").asText()).startsWith("[2001:db8:c10d::");
                udp += conn.get("protocol").asText().equals("udp") ? 1 : 0;
            }
        }
        assertThat(udp).as("UDP devices (mi-hub, named only by DNS)").isPositive();
        org.iotevent.traffic.DeviceView lumi = new org.iotevent.traffic.DeviceView(
                org.iotevent.traffic.DeviceSelector.parse("wan:2001:db8:0:1::66", java.util.List.of(
                        "de.lumi.ot.io.mi.com")));
        try (var source = org.iotevent.capture.CaptureReaders.open(home.resolve("wan6.pcap"))) {
            var record = new org.iotevent.capture.CaptureRecord();
            var packet = new org.iotevent.decode.DecodedPacket();
            var decoder = new org.iotevent.decode.LinkDecoder();
            while (source.next(record)) {
                decoder.decode(record, packet);
                lumi.signedLength(packet);
            }
        }
        assertThat(lumi.cloudAddresses()).singleElement().asString().startsWith("2001:db8:c10d::");
        assertThat(lumi.devicePackets()).isPositive();
    }

    /**
     * A UDP device (the Xiaomi hub, miIO) that moves to a new port every 10 minutes is one WAN
     * candidate: its later flows are listed as its reconnections.
     */
    @Test
    void aUdpDeviceThatMovesToNewPortsIsOneCandidate() throws Exception {
        var hub = Reconnecting.model("mi-hub", 600);
        Path moving = dir.resolve("moving");
        HomeSimulator.run(new org.iotevent.sim.Home("moving", java.util.List.of(new org.iotevent.sim.Home.Device("hub",
                hub)), org.iotevent.sim.Home.DEFAULT_WAN_ADDRESS, org.iotevent.sim.Home.DEFAULT_DNS_SERVER),
                SimulationOptions.defaults(4).withDurationNanos(2400 * S).withVantages(EnumSet.of(Vantage.WAN)), moving);
        JsonNode result = DevicesRealCaptureTest.run(moving.resolve("wan.pcap"));
        assertThat(result.at("/clouds/0/connections")).as(result.toPrettyString()).hasSize(1);
        JsonNode hubFlow = result.at("/clouds/0/connections/0");
        assertThat(hubFlow.get("protocol").asText()).isEqualTo("udp");
        assertThat(hubFlow.get("reconnections").size()).isBetween(2, 4);
    }

    @Test
    void aRegistryThatIsNotOneIsSaidWithItsLine() throws Exception {
        Path bad = Files.writeString(dir.resolve("oui.csv"), "Registry,Assignment,Organization Name\nnot,a,row\n");
        Cli r = Cli.run("devices", "-r", home.resolve("lan.pcap").toString(), "--oui", bad.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("oui.csv line 2").doesNotContain("Exception");
        Cli missing = Cli.run("devices", "-r", home.resolve("lan.pcap").toString(), "--oui", dir.resolve("no.csv").toString());
        assertThat(missing.err()).contains("--oui registry").contains("no such file");
    }
}
