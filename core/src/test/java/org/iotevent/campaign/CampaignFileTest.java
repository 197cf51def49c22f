package org.iotevent.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.iotevent.capture.CaptureTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CampaignFileTest {
    static final String FULL = """
            name: plug
            device:
              address: [192.168.1.23, "fe80::1"]
              mac: AA-BB-CC-DD-EE-FF
            interface: wlan0
            filter: "host 192.168.1.23"
            capture: {tool: dumpcap, rotate_mb: 20}
            repetitions: 7
            interval: 1.5s
            settle: 2m
            order: round-robin
            seed: 42
            trigger_timeout: 500ms
            retry: {attempts: 4, delay: 3}
            events:
              - name: plug_on
                trigger: >-
                  curl -s -X POST "http://hass:8123/api/services/switch/turn_on" -d '{"entity_id": "switch.plug"}'
              - name: plug_off
                trigger: [adb, shell, input, tap, "500", "800"]
              - name: motion
                trigger: manual
                prompt: Walk past the sensor
            """;

    @Test
    void readsEveryField() throws Exception {
        Campaign c = CampaignFile.parse(FULL, "plug.yaml", "x");
        assertThat(c.name()).isEqualTo("plug");
        assertThat(c.device().addresses()).containsExactly("192.168.1.23", "fe80::1");
        assertThat(c.device().mac()).isEqualTo("aa:bb:cc:dd:ee:ff");
        assertThat(c.interfaceName()).isEqualTo("wlan0");
        assertThat(c.filter()).isEqualTo("host 192.168.1.23");
        assertThat(c.capture()).isEqualTo(new Campaign.CaptureSettings(CaptureTool.Kind.DUMPCAP, 20));
        assertThat(c.repetitions()).isEqualTo(7);
        assertThat(c.interval()).isEqualTo(Duration.ofMillis(1500));
        assertThat(c.settle()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.order()).isEqualTo(Campaign.Order.ROUND_ROBIN);
        assertThat(c.seed()).isEqualTo(42);
        assertThat(c.triggerTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.retry()).isEqualTo(new Campaign.RetryPolicy(4, Duration.ofSeconds(3)));
        assertThat(c.events().get(0).command()).containsExactly("curl", "-s", "-X", "POST",
                "http://hass:8123/api/services/switch/turn_on", "-d", "{\"entity_id\": \"switch.plug\"}");
        assertThat(c.events().get(1).command()).containsExactly("adb", "shell", "input", "tap", "500", "800");
        assertThat(c.events().get(2).manual()).isTrue();
        assertThat(c.events().get(2).prompt()).isEqualTo("Walk past the sensor");
    }

    @Test
    void defaultsFollowThePaper(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("cam.yaml");
        Files.writeString(f, """
                device: {address: 10.0.0.5, mac: "00:11:22:33:44:55"}
                interface: eth0
                events:
                  - {name: on, trigger: "true"}
                """);
        Campaign c = CampaignFile.read(f);
        assertThat(c.name()).isEqualTo("cam");
        assertThat(c.repetitions()).isEqualTo(100);
        assertThat(c.interval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.order()).isEqualTo(Campaign.Order.RANDOM);
        assertThat(c.filter()).isEqualTo("host 10.0.0.5 or ether host 00:11:22:33:44:55");
        assertThat(c.capture().tool()).isEqualTo(CaptureTool.Kind.AUTO);
        assertThat(c.retry().attempts()).isEqualTo(3);
    }

    @Test
    void mistakesNameTheFieldAndWhatWasExpected() {
        String base = "device: {address: 10.0.0.5}\ninterface: eth0\n";
        String events = "events: [{name: on, trigger: 'true'}]\n";
        assertThatThrownBy(() -> CampaignFile.parse(base + events + "repetitons: 5\n", "c.yaml", "c"))
                .isInstanceOf(CampaignFormatException.class)
                .hasMessageContaining("c.yaml: repetitons: unknown key");
        assertThatThrownBy(() -> CampaignFile.parse(base + events + "interval: soon\n", "c.yaml", "c"))
                .hasMessageContaining("c.yaml: interval: expected a duration like 60s");
        assertThatThrownBy(() -> CampaignFile.parse(base + events + "repetitions: 0\n", "c.yaml", "c"))
                .hasMessageContaining("repetitions: expected a whole number >= 1, found '0'");
        assertThatThrownBy(() -> CampaignFile.parse(base + "events: [{name: on}]\n", "c.yaml", "c"))
                .hasMessageContaining("events[0].trigger: missing");
        assertThatThrownBy(() -> CampaignFile.parse(base + "events: [{name: a, trigger: x}, {name: a, trigger: y}]\n",
                "c.yaml", "c")).hasMessageContaining("events[1].name: event 'a' is listed twice");
        assertThatThrownBy(() -> CampaignFile.parse(base + "events: [{name: other, trigger: x}]\n", "c.yaml", "c"))
                .hasMessageContaining("reserved");
        assertThatThrownBy(() -> CampaignFile.parse(base + "events: [{name: a, trigger: \"x 'y\"}]\n", "c.yaml", "c"))
                .hasMessageContaining("events[0].trigger: unterminated single quote");
        assertThatThrownBy(() -> CampaignFile.parse("device: {mac: 'zz'}\ninterface: eth0\n" + events, "c.yaml", "c"))
                .hasMessageContaining("device.mac: expected six hex bytes");
        assertThatThrownBy(() -> CampaignFile.parse("interface: eth0\n" + events, "c.yaml", "c"))
                .hasMessageContaining("c.yaml: device: missing");
        assertThatThrownBy(() -> CampaignFile.parse("device: {address: 1.2.3.4\ninterface: x\n", "c.yaml", "c"))
                .hasMessageMatching("c\\.yaml: not valid YAML at line \\d+, column \\d+: .*");
    }

    @Test
    void missingFileIsNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> CampaignFile.read(dir.resolve("nope.yaml")))
                .isInstanceOf(CampaignFormatException.class).hasMessageContaining("nope.yaml: no such campaign file");
    }

    @Test
    void durationsAcceptUnitsAndPlainSeconds() {
        assertThat(List.of("250ms", "2", "1.5s", "3m", "2min", "1h").stream().map(CampaignFile::parseDuration))
                .containsExactly(Duration.ofMillis(250), Duration.ofSeconds(2), Duration.ofMillis(1500),
                        Duration.ofMinutes(3), Duration.ofMinutes(2), Duration.ofHours(1));
    }
}
