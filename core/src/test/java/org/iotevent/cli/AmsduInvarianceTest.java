package org.iotevent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.iotevent.sim.DeviceModelReader;
import org.iotevent.sim.Home;
import org.iotevent.sim.HomeSimulator;
import org.iotevent.sim.SimulationOptions;
import org.iotevent.sim.Vantage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, A-MSDU: one transport-layer signature learnt on the LAN reads the same events from a
 * WiFi sniffer whether or not the access point aggregates downlink packets. The device is the
 * TP-Link model with two events changed so that aggregation happens inside events: {@code schedule}
 * pushes a 2.8 kB schedule (two full-size TCP segments back to back) and {@code scene} sends two
 * small messages back to back. On an open network the decoder splits the A-MSDUs and every event
 * reads as on the LAN; protected, the length model recovers the full-size segments but not two
 * small packets, which count as one: {@code scene} is misread, and only it.
 */
class AmsduInvarianceTest {
    private static final long S = 1_000_000_000L;

    @TempDir
    static Path dir;
    static Path test;
    static String mac;

    @BeforeAll
    static void simulateAndTrain() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode model = (ObjectNode) json.readTree(DeviceModelReader.embeddedJson("tplink-hs100"));
        model.put("name", "kasa-bulk");
        ArrayNode events = (ArrayNode) model.get("events");
        for (var e : events) {
            if (e.get("name").asText().equals("schedule")) {
                ((ObjectNode) e.get("messages").get(0)).put("bytes", 2_800);
            }
        }
        events.add(json.readTree("{\"name\": \"scene\", \"privacy\": true, \"messages\": [{\"from\": \"cloud\", "
                + "\"bytes\": 60}, {\"from\": \"cloud\", \"bytes\": 45}, {\"from\": \"device\", \"bytes\": 90, "
                + "\"delayMs\": 20}, {\"from\": \"cloud\", \"bytes\": 40, \"delayMs\": 3}]}"));
        Home home = new Home("bulk", List.of(new Home.Device("kasa-bulk", DeviceModelReader.parse(
                json.writeValueAsBytes(model), "kasa-bulk.json"))), Home.DEFAULT_WAN_ADDRESS, Home.DEFAULT_DNS_SERVER);
        Path train = dir.resolve("train");
        test = dir.resolve("test");
        HomeSimulator.run(home, SimulationOptions.defaults(1).withDurationNanos(3600 * S)
                .withVantages(EnumSet.of(Vantage.LAN)), train);
        HomeSimulator.run(home, SimulationOptions.defaults(2).withDurationNanos(1800 * S).withVantages(
                EnumSet.of(Vantage.LAN, Vantage.WIFI, Vantage.WIFI_AMSDU, Vantage.WIFI_OPEN_AMSDU)), test);
        Cli t = Cli.run("train", "-r", train.resolve("lan.pcap").toString(), "--events",
                train.resolve("events/kasa-bulk.csv").toString(), "--device", "192.168.1.100", "--length-layer",
                "transport", "-o", dir.resolve("s.json").toString());
        assertThat(t.exit()).as(t.err()).isZero();
        mac = json.readTree(test.resolve("truth.json").toFile()).at("/devices/0/mac").asText();
    }

    /** The events detected (not other or unknown): {seconds, event}. */
    private static List<String[]> detect(Vantage v, String device) {
        Cli d = Cli.run("detect", "-q", "-r", test.resolve(v.fileName()).toString(), "-s",
                dir.resolve("s.json").toString(), "--format", "csv", "--device", device);
        assertThat(d.exit()).as(d.err()).isZero();
        List<String[]> out = new ArrayList<>();
        d.out().lines().skip(1).map(l -> l.split(",")).filter(f -> !f[5].equals("other") && !f[5].equals("unknown"))
                .forEach(f -> out.add(new String[] {f[0], f[5]}));
        return out;
    }

    /**
     * For each LAN detection, the event {@code other} detected within 10 ms of it ("-" for none);
     * asserts that {@code other} detected nothing else.
     */
    private static List<String> readAs(List<String[]> lan, List<String[]> other) {
        List<String> out = new ArrayList<>();
        for (String[] d : lan) {
            double t = Double.parseDouble(d[0]);
            out.add(other.stream().filter(o -> Math.abs(Double.parseDouble(o[0]) - t) < 0.01).map(o -> o[1])
                    .findFirst().orElse("-"));
        }
        assertThat(other).as("detections").hasSameSizeAs(lan);
        return out;
    }

    private static List<String> events(List<String[]> detections) {
        return detections.stream().map(d -> d[1]).toList();
    }

    @Test
    void openAMsdusAreSplitIntoTheirPacketsAndEveryEventReadsAsOnTheLan() {
        List<String[]> lan = detect(Vantage.LAN, "192.168.1.100");
        assertThat(events(lan).stream().filter("scene"::equals).count()).isGreaterThanOrEqualTo(4);
        assertThat(events(lan).stream().filter("schedule"::equals).count()).isGreaterThanOrEqualTo(4);
        assertThat(readAs(lan, detect(Vantage.WIFI, mac))).isEqualTo(events(lan));
        assertThat(readAs(lan, detect(Vantage.WIFI_OPEN_AMSDU, mac))).isEqualTo(events(lan));
    }

    @Test
    void protectedAMsdusKeepFullSizeSegmentsButMergeSmallPacketsSoOnlyThatEventChanges() {
        List<String[]> lan = detect(Vantage.LAN, "192.168.1.100");
        List<String> read = readAs(lan, detect(Vantage.WIFI_AMSDU, mac));
        List<String> scenes = new ArrayList<>();
        for (int i = 0; i < lan.size(); i++) {
            if (lan.get(i)[1].equals("scene")) {
                scenes.add(read.get(i));
            } else {
                assertThat(read.get(i)).as("read at " + lan.get(i)[0] + " (scene read as " + scenes + ")")
                        .isEqualTo(lan.get(i)[1]);
            }
        }
    }
}
