package org.iotevent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.iotevent.traffic.SyntheticHome;
import org.junit.jupiter.api.Test;

/** train and evaluate report the bits leaked and the bound on the best attack. */
class LeakageCommandsTest extends SyntheticPlugTest {
    @Test
    void trainPrintsTheBitsLeakedOfTheBitsPossible() {
        Cli r = Cli.run("train", "-r", lan.toString(), "--events", events.toString(), "--device", SyntheticHome.PLUG_IP,
                "-o", dir.resolve("plug.json").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        // ON and OFF are distinct exchanges and the plug's own traffic is unlike both: everything leaks
        assertThat(r.out()).containsPattern("events and own traffic: +1\\.50 bits \\[1\\.\\d\\d, 1\\.50\\] of 1\\.50 \\(100 %\\), "
                + "best accuracy <= 100\\.0 %").containsPattern("events alone: +1\\.00 bits \\[1\\.00, 1\\.00\\] of 1\\.00");
        assertThat(r.out()).contains("this classifier reaches 100.0 %, close to the bound");
    }

    @Test
    void evaluateWritesTheLeakageKeys() throws Exception {
        Path json = dir.resolve("eval.json");
        Cli r = Cli.run("evaluate", "-r", lan.toString(), "--events", events.toString(), "--device", SyntheticHome.PLUG_IP,
                "--repeats", "3", "--json", json.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertThat(j.get("event_entropy_bits").doubleValue()).isCloseTo(1.5, offset(1e-9));
        assertThat(j.get("leakage_bits").doubleValue()).isCloseTo(1.5, offset(0.05));
        assertThat(j.get("leakage_ci95").get(0).doubleValue()).isLessThanOrEqualTo(j.get("leakage_bits").doubleValue());
        assertThat(j.get("leakage_ci95").get(1).doubleValue()).isGreaterThanOrEqualTo(j.get("leakage_bits").doubleValue());
        assertThat(j.get("best_accuracy_bound").doubleValue()).isEqualTo(1.0);
        // each event against the plug's own traffic
        assertThat(j.get("per_event").get("ON").get("leakage_bits").doubleValue()).isGreaterThan(0.8);
        assertThat(j.get("per_event").get("ON").get("best_accuracy_bound").doubleValue()).isEqualTo(1.0);
        assertThat(j.get("per_event").get("other").has("leakage_bits")).isFalse();
        JsonNode details = j.get("leakage");
        assertThat(details.get("events").get("labels").toString()).isEqualTo("[\"OFF\",\"ON\"]");
        assertThat(details.get("pairs")).hasSize(3);
        assertThat(details.get("pairs").get(0).get("events").toString()).isEqualTo("[\"OFF\",\"ON\"]");
        assertThat(details.get("scope").asText()).contains("direction and IP-layer length");
        assertThat(Files.readString(json)).doesNotContain("NaN");
    }
}
