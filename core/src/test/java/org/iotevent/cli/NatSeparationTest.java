package org.iotevent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.iotevent.sim.HomeReader;
import org.iotevent.sim.HomeSimulator;
import org.iotevent.sim.SimulationOptions;
import org.iotevent.sim.Vantage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16: two plugs of one vendor behind one NAT address talk to the same cloud address. By the
 * cloud they merge into one stream; by their connections ({@code devices} on the WAN side, then
 * {@code --device wan:ROUTER_IP:PORT}) they are two, each with its own plug's events.
 */
class NatSeparationTest {
    private static final long S = 1_000_000_000L;

    @TempDir
    static Path dir;
    static Path train;
    static Path test;
    static Path signature;

    @BeforeAll
    static void simulateAndTrain() throws Exception {
        train = dir.resolve("train");
        test = dir.resolve("test");
        HomeSimulator.run(HomeReader.resolve("two-plugs"), SimulationOptions.defaults(11).withDurationNanos(3600 * S)
                .withVantages(EnumSet.of(Vantage.LAN)), train);
        HomeSimulator.run(HomeReader.resolve("two-plugs"), SimulationOptions.defaults(12).withDurationNanos(1800 * S)
                .withVantages(EnumSet.of(Vantage.WAN)), test);
        signature = dir.resolve("hs100.json");
        Cli t = Cli.run("train", "-r", train.resolve("lan.pcap").toString(), "--events",
                train.resolve("events/plug-kitchen.csv").toString(), "--device", "192.168.1.100", "-o",
                signature.toString());
        assertThat(t.exit()).as(t.err()).isZero();
    }

    @Test
    void twoPlugsOfOneVendorAreTwoConnectionsAndTwoStreamsWithTheirOwnEvents() throws Exception {
        JsonNode found = DevicesRealCaptureTest.run(test.resolve("wan.pcap"));
        JsonNode kasa = null;
        for (JsonNode c : found.get("clouds")) {
            if (c.get("cloud").asText().equals("tplinkcloud.com")) {
                kasa = c;
            }
        }
        assertThat(kasa).as(found.toPrettyString()).isNotNull();
        assertThat(kasa.get("connections")).hasSize(2);
        assertThat(kasa.at("/connections/0/remote").asText()).isEqualTo(kasa.at("/connections/1/remote").asText());
        List<double[]> kitchen = triggers(test.resolve("events/plug-kitchen.csv"));
        List<double[]> bedroom = triggers(test.resolve("events/plug-bedroom.csv"));
        eachStreamIsOnePlug(test.resolve("wan.pcap"), kasa.get("connections"), kitchen, bedroom);

        // by the cloud's name alone the two plugs are one stream: events of both, interleaved
        Cli merged = Cli.run("detect", "-q", "-r", test.resolve("wan.pcap").toString(), "-s", signature.toString(),
                "--device", "wan:198.51.100.7", "--cloud", "devs.tplinkcloud.com", "--format", "csv");
        List<String[]> one = events(merged.out());
        assertThat(matching(one, kitchen)).isPositive();
        assertThat(matching(one, bedroom)).isPositive();
    }

    /**
     * Signatures chosen by evidence: trained on one home's LAN, each records its plug's identity;
     * on the WAN capture of another session {@code detect --match} applies the TP-Link signature
     * to both TP-Link connections and the Tuya plug's to the Tuya plug's, and says that the Tuya
     * lamp has none.
     */
    @Test
    void matchAppliesEachSignatureToTheDevicesItsIdentityFitsAndNamesTheRest() throws Exception {
        Path sigs = java.nio.file.Files.createDirectories(dir.resolve("sigs"));
        java.nio.file.Files.copy(signature, sigs.resolve("hs100.json"));
        Cli t = Cli.run("train", "-r", train.resolve("lan.pcap").toString(), "--events",
                train.resolve("events/tuya-plug.csv").toString(), "--device", "192.168.1.102", "-o",
                sigs.resolve("tuya-plug.json").toString());
        assertThat(t.exit()).as(t.err()).isZero();
        assertThat(t.out()).contains("identity (for detect --match): names a2.tuyaeu.com; MAC block 84F3EB");

        Cli d = Cli.run("detect", "--match", "-r", test.resolve("wan.pcap").toString(), "-s", sigs.toString(),
                "--format", "csv");
        assertThat(d.exit()).as(d.err()).isZero();
        assertThat(d.err()).containsPattern("hs100 applies to wan:198.51.100.7:\\d+: names devs.tplinkcloud.com")
                .containsPattern("tuya-plug applies to wan:198.51.100.7:\\d+: names a2.tuyaeu.com")
                .containsPattern("no signature fits wan:198.51.100.7:\\d+ \\(tcp to 192.0.2.\\d+:8883 m1.tuyaeu.com\\)");
        List<String> streams = d.out().lines().skip(1).map(l -> l.split(",")[2]).distinct().sorted().toList();
        assertThat(streams).hasSize(3).anyMatch(s -> s.startsWith("tuya-plug@wan:"))
                .filteredOn(s -> s.startsWith("hs100@wan:")).hasSize(2);
        List<double[]> kitchen = triggers(test.resolve("events/plug-kitchen.csv"));
        List<double[]> tuya = triggers(test.resolve("events/tuya-plug.csv"));
        List<String[]> tuyaStream = events(String.join("\n", d.out().lines()
                .filter(l -> l.startsWith("ts,") || l.split(",")[2].startsWith("tuya-plug@")).toList()));
        assertThat(matching(tuyaStream, tuya)).isGreaterThanOrEqualTo(tuya.size() * 9 / 10);
        assertThat(matching(tuyaStream, kitchen)).isZero();

        Cli stdin = Cli.run("detect", "--match", "-r", "-", "-s", sigs.toString());
        assertThat(stdin.exit()).isEqualTo(1);
        assertThat(stdin.err()).contains("--match finds the devices in a first pass over capture files");
    }

    /**
     * Two plugs of one vendor that close their cloud connection about every 10 minutes and
     * reconnect from a new NAT port: {@code devices} joins each plug's connections into one
     * candidate (the later ones listed as its reconnections) instead of a dozen, and the
     * selection it gives ({@code wan:ROUTER:FIRST_PORT}) follows the plug through its reconnects:
     * each stream still holds one plug's events, at least 90 % of its triggers over the hour.
     */
    @Test
    void aPlugThatReconnectsFromNewPortsStaysOneCandidateAndItsSelectionFollowsIt() throws Exception {
        Path wan = reconnecting();
        JsonNode found = DevicesRealCaptureTest.run(wan.resolve("wan.pcap"));
        assertThat(found.get("clouds")).hasSize(1);
        JsonNode kasa = found.at("/clouds/0/connections");
        assertThat(kasa).as(found.toPrettyString()).hasSize(2);
        java.util.Set<String> locals = new java.util.HashSet<>();
        for (JsonNode c : kasa) {
            assertThat(c.get("reconnections").size()).as("reconnections of " + c.get("device")).isBetween(4, 6);
            locals.add(c.get("local").asText());
            c.get("reconnections").forEach(r -> locals.add(r.get("local").asText()));
        }
        assertThat(locals).as("every connection in one candidate only").hasSize(2 + kasa.get(0).get("reconnections")
                .size() + kasa.get(1).get("reconnections").size());

        eachStreamIsOnePlug(wan.resolve("wan.pcap"), kasa, triggers(wan.resolve("events/plug-kitchen.csv")),
                triggers(wan.resolve("events/plug-bedroom.csv")));
    }

    private static Path reconnecting;

    /** A WAN capture of an hour: two HS100 plugs that close their cloud connection about every 10 minutes and reconnect. */
    private static synchronized Path reconnecting() throws Exception {
        if (reconnecting == null) {
            var hs100 = Reconnecting.model("tplink-hs100", 600);
            var home = new org.iotevent.sim.Home("reconnecting", List.of(new org.iotevent.sim.Home.Device("plug-kitchen",
                    hs100), new org.iotevent.sim.Home.Device("plug-bedroom", hs100)),
                    org.iotevent.sim.Home.DEFAULT_WAN_ADDRESS, org.iotevent.sim.Home.DEFAULT_DNS_SERVER);
            Path wan = dir.resolve("reconnecting");
            HomeSimulator.run(home, SimulationOptions.defaults(13).withDurationNanos(3600 * S)
                    .withVantages(EnumSet.of(Vantage.WAN)), wan);
            reconnecting = wan;
        }
        return reconnecting;
    }

    /**
     * What a view has learnt (here: the followed connection's new port after reconnects) carries over
     * to a new view, as the Flink job restores it from a checkpoint: the two select exactly what one
     * view selects over the whole capture; a new view without it loses the plug's later packets.
     */
    @Test
    void aViewTakingUpWhatAnotherLearntFollowsTheConnectionAsOneViewDoes() throws Exception {
        Path wan = reconnecting();
        JsonNode kasa = DevicesRealCaptureTest.run(wan.resolve("wan.pcap")).at("/clouds/0/connections");
        org.iotevent.traffic.DeviceSelector selector = org.iotevent.traffic.DeviceSelector.parse(
                kasa.get(0).get("device").asText(), List.of());
        List<Integer> whole = new ArrayList<>();
        List<Integer> restarted = new ArrayList<>();
        List<Integer> forgetful = new ArrayList<>();
        org.iotevent.traffic.DeviceView one = new org.iotevent.traffic.DeviceView(selector);
        org.iotevent.traffic.DeviceView before = new org.iotevent.traffic.DeviceView(selector);
        org.iotevent.traffic.DeviceView after = null;
        org.iotevent.traffic.DeviceView fresh = new org.iotevent.traffic.DeviceView(selector);
        org.iotevent.decode.LinkDecoder decoder = new org.iotevent.decode.LinkDecoder();
        org.iotevent.decode.DecodedPacket p = new org.iotevent.decode.DecodedPacket();
        org.iotevent.capture.CaptureRecord r = new org.iotevent.capture.CaptureRecord();
        long half = -1;
        try (var in = org.iotevent.capture.CaptureReaders.open(wan.resolve("wan.pcap"))) {
            while (in.next(r)) {
                half = half < 0 ? r.timestampNanos + 1800 * S : half;
                decoder.decode(r, p);
                whole.add(one.signedLength(p));
                if (r.timestampNanos < half) {
                    before.signedLength(p);
                } else {
                    if (after == null) {
                        after = new org.iotevent.traffic.DeviceView(selector);
                        after.takeUp(before.learntState());
                    }
                    restarted.add(after.signedLength(p));
                    forgetful.add(fresh.signedLength(p));
                }
            }
        }
        List<Integer> secondHalf = whole.subList(whole.size() - restarted.size(), whole.size());
        assertThat(one.reconnections()).as("reconnections followed").isGreaterThanOrEqualTo(4);
        assertThat(secondHalf.stream().filter(l -> l != 0).count()).as("the plug's packets in the second half")
                .isGreaterThan(50);
        assertThat(restarted).as("the view that took up what was learnt").isEqualTo(secondHalf);
        assertThat(forgetful).as("a new view without it").isNotEqualTo(secondHalf);
    }

    /**
     * Detects on each connection's {@code --device}: each stream's detections are one plug's
     * triggers, named right, at least 90 % of them (which stream is which plug is read off).
     */
    private static void eachStreamIsOnePlug(Path capture, JsonNode connections, List<double[]> kitchen,
            List<double[]> bedroom) {
        int matchedKitchen = 0;
        int matchedBedroom = 0;
        for (JsonNode c : connections) {
            Cli d = Cli.run("detect", "-q", "-r", capture.toString(), "-s", signature.toString(), "--device",
                    c.get("device").asText(), "--format", "csv");
            assertThat(d.exit()).as(d.err()).isZero();
            List<String[]> stream = events(d.out());
            int k = matching(stream, kitchen);
            int b = matching(stream, bedroom);
            assertThat(Math.min(k, b)).as("a stream holds one plug's events only").isZero();
            matchedKitchen = Math.max(matchedKitchen, k);
            matchedBedroom = Math.max(matchedBedroom, b);
        }
        assertThat(matchedKitchen).as("kitchen plug's triggers read").isGreaterThanOrEqualTo(kitchen.size() * 9 / 10);
        assertThat(matchedBedroom).as("bedroom plug's triggers read").isGreaterThanOrEqualTo(bedroom.size() * 9 / 10);
    }

    /** Detections named an event: {time, event}. */
    private static List<String[]> events(String csv) {
        List<String[]> out = new ArrayList<>();
        csv.lines().skip(1).map(l -> l.split(",")).filter(f -> !f[5].equals("other") && !f[5].equals("unknown"))
                .forEach(f -> out.add(new String[] {f[0], f[5]}));
        return out;
    }

    private static List<double[]> triggers(Path log) throws Exception {
        List<double[]> out = new ArrayList<>();
        for (String l : Files.readAllLines(log).subList(1, Files.readAllLines(log).size())) {
            out.add(new double[] {Double.parseDouble(l.split(",")[0]), l.split(",")[1].hashCode()});
        }
        return out;
    }

    /** Detections within 3 s after a trigger of the same event. */
    private static int matching(List<String[]> detections, List<double[]> triggers) {
        int n = 0;
        for (String[] d : detections) {
            double t = Double.parseDouble(d[0]);
            for (double[] trig : triggers) {
                if (t >= trig[0] && t - trig[0] <= 3 && trig[1] == d[1].hashCode()) {
                    n++;
                    break;
                }
            }
        }
        return n;
    }
}
