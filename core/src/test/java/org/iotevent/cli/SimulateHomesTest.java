package org.iotevent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** simulate --homes N writes N homes, each in its own folder, and their manifest. */
class SimulateHomesTest {
    @TempDir
    Path dir;

    @Test
    void simulateHomesWritesOneFolderPerHomeAndTheManifest() throws Exception {
        Cli r = Cli.run("simulate", "--homes", "3", "--hours", "0.05", "--vantage", "lan", "-o", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("simulated 3 homes of 9 devices");
        List<String> manifest = Files.readAllLines(dir.resolve("homes.csv"));
        assertThat(manifest).hasSize(4);
        assertThat(manifest.get(0)).isEqualTo("home,seed,wan_address,capture_start_ns,start_delay_s,clock_error_s");
        Set<String> macs = new HashSet<>();
        List<String> wans = new ArrayList<>();
        for (String home : List.of("home-0001", "home-0002", "home-0003")) {
            assertThat(dir.resolve(home).resolve("lan.pcap")).isNotEmptyFile();
            JsonNode truth = new ObjectMapper().readTree(dir.resolve(home).resolve("truth.json").toFile());
            wans.add(truth.findValue("router_wan_address").asText());
            truth.findValues("mac").forEach(m -> macs.add(m.asText()));
        }
        assertThat(wans).containsExactly("100.64.0.1", "100.64.0.2", "100.64.0.3");
        assertThat(macs).hasSizeGreaterThanOrEqualTo(3 * 9);
        Cli bad = Cli.run("simulate", "--homes", "0", "-o", dir.resolve("none").toString());
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("--homes must be in [1, 100000], found 0");
    }
}
