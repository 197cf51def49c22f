package org.iotevent.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceModelReaderTest {
    private static final String MINIMAL = """
            {"name": "lab-plug", "protocol": "tls", "domains": ["cloud.example.com"], "port": 443,
             "timing": {"rttMs": 40},
             "heartbeat": {"periodS": 30, "messages": [{"from": "device", "bytes": 40}]},
             "events": [{"name": "on", "messages": [{"from": "cloud", "bytes": 100, "jitter": 2}]}]}
            """;

    @Test
    void theNineDevicesOfThePaperAreEmbedded() throws Exception {
        List<String> names = DeviceModelReader.embeddedNames();
        assertThat(names).startsWith("yeelight-strip", "mi-plug-mini", "mi-hub", "tuya-lamp", "tuya-plug",
                "tplink-hs100", "orvibo-socket", "jellyfish-bulb", "broadlink-spmini3");
        for (String name : names) {
            DeviceModel m = DeviceModelReader.embedded(name);
            assertThat(m.name()).isEqualTo(name);
            assertThat(m.events()).hasSizeGreaterThanOrEqualTo(names.indexOf(name) < 9 ? 3 : 2);
        }
        assertThat(DeviceModelReader.embedded("mi-hub").protocol()).isEqualTo(Protocol.UDP_AES);
        assertThat(DeviceModelReader.embedded("tuya-lamp").protocol()).isEqualTo(Protocol.MQTT_TLS);
        assertThat(DeviceModelReader.embedded("orvibo-socket").protocol()).isEqualTo(Protocol.TCP);
    }

    @Test
    void aMinimalModelGetsDefaults() throws Exception {
        DeviceModel m = DeviceModelReader.parse(MINIMAL.getBytes(StandardCharsets.UTF_8), "lab.json");
        assertThat(m.framing().tlsRecordOverhead()).isEqualTo(22);
        assertThat(m.timing().dnsTtlS()).isEqualTo(600);
        assertThat(m.event("on").privacy()).isTrue();
        assertThat(m.event("on").messages().get(0).jitter()).isEqualTo(2);
        assertThat(m.oui()).containsExactly(2, 0, 0);
    }

    private static void assertRejected(String json, String... parts) {
        assertThatThrownBy(() -> DeviceModelReader.parse(json.getBytes(StandardCharsets.UTF_8), "lab.json"))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageStartingWith("lab.json")
                .hasMessageContainingAll(parts);
    }

    @Test
    void aMisspeltKeyIsNamedWithItsPath() {
        assertRejected(MINIMAL.replace("\"jitter\"", "\"jiter\""), "events[0].messages[0].jiter", "unknown key");
    }

    @Test
    void badValuesAreNamedWithWhatWasExpected() {
        assertRejected(MINIMAL.replace("\"tls\"", "\"quic\""), "protocol", "tls, mqtt-tls, udp-aes or tcp", "quic");
        assertRejected(MINIMAL.replace("\"from\": \"cloud\"", "\"from\": \"server\""), "events[0].messages[0]",
                "\"device\" or \"cloud\"");
        assertRejected(MINIMAL.replace("\"port\": 443", "\"port\": 70000"), "port", "[1, 65535]");
        assertRejected(MINIMAL.replace("\"jitter\": 2", "\"jitter\": 200"), "jitter", "[0, 100]");
        assertRejected(MINIMAL.replace("\"tls\"", "\"udp-aes\"").replace("\"bytes\": 100", "\"bytes\": 1500"),
                "events[0].messages[0].bytes", "[0, 1400]");
        assertRejected(MINIMAL.replace("cloud.example.com", "not a domain"), "domains[0]", "domain name");
        assertRejected(MINIMAL.replace("\"on\"", "\"on off\""), "events[0]", "name");
        assertRejected(MINIMAL.substring(0, 60), "truncated", "line");
        assertRejected(MINIMAL.replace("\"bytes\": 40}", "\"bytes\": 40, \"mqtt\": \"puback\"}"),
                "only mqtt-tls devices");
    }

    @Test
    void anUnknownEmbeddedModelListsTheKnownOnes() {
        assertThatThrownBy(() -> DeviceModelReader.embedded("hue-bulb"))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("hue-bulb").hasMessageContaining("tplink-hs100");
    }
}
