package org.iotevent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.iotevent.sim.DeviceModelReader;
import org.iotevent.sim.Home;
import org.iotevent.sim.HomeReader;
import org.iotevent.sim.HomeSimulator;
import org.iotevent.sim.SimulationOptions;
import org.iotevent.sim.Vantage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16: the simulated devices say what they are on the LAN as their real counterparts do
 * (DHCP host name, mDNS services, SSDP), and {@code devices} names each model from that evidence
 * alone: the captures are cut to DHCP, mDNS and SSDP by a filter expression, so no DNS name or
 * connection helps. A plug that announces itself over SSDP as a Belkin WeMo is named by the
 * built-in WeMo entry from its NT header.
 */
class DevicesAnnouncementsTest {
    private static final String ANNOUNCEMENTS = "udp port 67 or udp port 68 or udp port 5353 or udp port 1900";

    @TempDir
    static Path dir;

    @BeforeAll
    static void simulate() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode wemo = (ObjectNode) json.readTree(DeviceModelReader.embeddedJson("tplink-hs100"));
        wemo.put("name", "wemo-like").put("oui", "02:11:22");
        wemo.set("announce", json.readTree("{\"dhcpHostName\": \"wemo\", \"ssdpServer\": \"Unspecified, UPnP/1.0, "
                + "Unspecified\", \"ssdpType\": \"urn:Belkin:device:controllee:1\"}"));
        List<Home.Device> devices = new ArrayList<>(HomeReader.defaultHome().devices());
        devices.add(new Home.Device("wemo-like", DeviceModelReader.parse(json.writeValueAsBytes(wemo), "wemo.json")));
        Home home = new Home("announcing", devices, Home.DEFAULT_WAN_ADDRESS, Home.DEFAULT_DNS_SERVER);
        HomeSimulator.run(home, SimulationOptions.defaults(3).withDurationNanos(120_000_000_000L)
                .withVantages(EnumSet.of(Vantage.LAN, Vantage.WIFI_OPEN_AMSDU, Vantage.WAN, Vantage.WIFI)), dir);
    }

    /** MAC address to the device's guess, from {@code devices --format json} on the capture's announcements. */
    private static Map<String, JsonNode> guesses(Vantage v) throws Exception {
        Cli c = Cli.run("devices", "-r", dir.resolve(v.fileName()).toString(), "--format", "json", ANNOUNCEMENTS);
        assertThat(c.exit()).as(c.err()).isZero();
        Map<String, JsonNode> out = new HashMap<>();
        for (JsonNode d : new ObjectMapper().readTree(c.out()).get("devices")) {
            if (!d.get("guess").isNull()) {
                out.put(d.get("mac").asText(), d.get("guess"));
            }
        }
        return out;
    }

    private static Map<String, String> macs() throws Exception {
        Map<String, String> out = new HashMap<>();
        for (JsonNode d : new ObjectMapper().readTree(dir.resolve("truth.json").toFile()).get("devices")) {
            out.put(d.get("name").asText(), d.get("mac").asText());
        }
        return out;
    }

    @Test
    void eachAnnouncingDeviceIsNamedFromItsDhcpMdnsAndSsdpAlone() throws Exception {
        Map<String, String> mac = macs();
        for (Vantage v : List.of(Vantage.LAN, Vantage.WIFI_OPEN_AMSDU)) {
            Map<String, JsonNode> g = guesses(v);
            assertThat(g.get(mac.get("tplink-hs100")).get("label").asText()).as(v.key()).isEqualTo("TP-Link HS100");
            assertThat(g.get(mac.get("tplink-hs100")).get("evidence").toString()).contains("DHCP host name HS100");
            assertThat(g.get(mac.get("mi-plug-mini")).get("label").asText()).as(v.key()).isEqualTo("Mi plug mini");
            assertThat(g.get(mac.get("mi-plug-mini")).get("evidence").toString())
                    .contains("DHCP host name chuangmi-plug-m1_miio").contains("._miio._udp.local");
            assertThat(g.get(mac.get("mi-hub")).get("label").asText()).as(v.key()).isEqualTo("Mi control hub");
            assertThat(g.get(mac.get("yeelight-strip")).get("label").asText()).as(v.key())
                    .isEqualTo("Yeelight light strip");
            assertThat(g.get(mac.get("wemo-like")).get("label").asText()).as(v.key()).isEqualTo("Belkin WeMo");
            assertThat(g.get(mac.get("wemo-like")).get("evidence").toString())
                    .contains("SSDP Unspecified, UPnP/1.0, Unspecified (urn:Belkin:device:controllee:1)");
            // models that announce nothing are not guessed from this evidence
            assertThat(g).doesNotContainKey(mac.get("tuya-plug"));
        }
    }

    /** On a protected network everything is encrypted, broadcasts too: the devices are the stations, by MAC. */
    @Test
    void onAProtectedNetworkEachDeviceIsListedByItsStationsMacAddress() throws Exception {
        Cli c = Cli.run("devices", "-r", dir.resolve("wifi.pcap").toString(), "--format", "json");
        assertThat(c.exit()).as(c.err()).isZero();
        List<String> found = new ArrayList<>();
        for (JsonNode d : new ObjectMapper().readTree(c.out()).get("devices")) {
            found.add(d.get("mac").asText());
            assertThat(d.get("addresses")).isEmpty();
            assertThat(d.get("sent").asLong()).isPositive();
        }
        assertThat(found).containsExactlyInAnyOrderElementsOf(macs().values());
    }

    @Test
    void theLansOwnAnnouncementsNeverReachTheWanSide() throws Exception {
        Cli c = Cli.run("devices", "-r", dir.resolve("wan.pcap").toString(), "--format", "json", ANNOUNCEMENTS);
        assertThat(c.exit()).as(c.err()).isZero();
        assertThat(new ObjectMapper().readTree(c.out()).get("packets").asLong()).isZero();
    }
}
