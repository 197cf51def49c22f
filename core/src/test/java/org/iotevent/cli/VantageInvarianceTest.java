package org.iotevent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
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
 * Issue 16: one signature learnt on an IPv4 LAN gives the same detections on the WAN side over
 * IPv4 behind NAT, in a PPPoE session, over IPv6, and from a WiFi sniffer, when lengths are
 * measured at the transport layer; the paper's IP-layer lengths miss the events over IPv6.
 */
class VantageInvarianceTest {
    private static final long S = 1_000_000_000L;

    @TempDir
    static Path dir;
    static Path test;
    static String mac;

    @BeforeAll
    static void simulateAndTrain() throws Exception {
        Path train = dir.resolve("train");
        test = dir.resolve("test");
        HomeSimulator.run(HomeReader.resolve("tplink-hs100"), SimulationOptions.defaults(1).withDurationNanos(3600 * S)
                .withVantages(EnumSet.of(Vantage.LAN)), train);
        HomeSimulator.run(HomeReader.resolve("tplink-hs100"), SimulationOptions.defaults(2).withDurationNanos(1800 * S)
                .withVantages(EnumSet.of(Vantage.LAN, Vantage.WAN, Vantage.WAN_PPPOE, Vantage.WAN6, Vantage.WIFI)), test);
        for (String layer : List.of("ip", "transport")) {
            Cli t = Cli.run("train", "-r", train.resolve("lan.pcap").toString(), "--events",
                    train.resolve("events/tplink-hs100.csv").toString(), "--device", "192.168.1.100", "--length-layer",
                    layer, "-o", dir.resolve(layer + ".json").toString());
            assertThat(t.exit()).as(t.err()).isZero();
        }
        var truth = new ObjectMapper().readTree(test.resolve("truth.json").toFile()).at("/devices/0");
        mac = truth.get("mac").asText();
    }

    /** The events detected (not other or unknown): {seconds, event}. */
    private static List<String[]> detect(String layer, String capture, String... device) {
        List<String> args = new ArrayList<>(List.of("detect", "-q", "-r", test.resolve(capture).toString(), "-s",
                dir.resolve(layer + ".json").toString(), "--format", "csv"));
        args.addAll(List.of(device));
        Cli d = Cli.run(args.toArray(String[]::new));
        assertThat(d.exit()).as(d.err()).isZero();
        List<String[]> out = new ArrayList<>();
        d.out().lines().skip(1).map(l -> l.split(",")).filter(f -> !f[5].equals("other") && !f[5].equals("unknown"))
                .forEach(f -> out.add(new String[] {f[0], f[5]}));
        return out;
    }

    private static List<String> exact(List<String[]> detections) {
        return detections.stream().map(d -> d[0] + " " + d[1]).toList();
    }

    @Test
    void oneTransportLayerSignatureDetectsIdenticallyAtEveryVantagePoint() throws Exception {
        List<String[]> lan = detect("transport", "lan.pcap", "--device", "192.168.1.100");
        long triggers = Files.readAllLines(test.resolve("events/tplink-hs100.csv")).size() - 1;
        assertThat((long) lan.size()).isGreaterThanOrEqualTo(triggers * 9 / 10);
        String[] wan = {"--device", "wan:198.51.100.7", "--cloud", "devs.tplinkcloud.com"};
        assertThat(exact(detect("transport", "wan.pcap", wan))).isEqualTo(exact(lan));
        assertThat(exact(detect("transport", "wan-pppoe.pcap", wan))).isEqualTo(exact(lan));
        // over IPv6 the cloud's name is enough: its AAAA answers give its address
        assertThat(exact(detect("transport", "wan6.pcap", "--device", "wan:2001:db8:0:1::64", "--cloud",
                "devs.tplinkcloud.com"))).isEqualTo(exact(lan));
        // over the air each frame reaches the sniffer a little before or after the router: same events, times within 10 ms
        List<String[]> wifi = detect("transport", "wifi.pcap", "--device", mac);
        assertThat(wifi).hasSameSizeAs(lan);
        for (int i = 0; i < lan.size(); i++) {
            assertThat(wifi.get(i)[1]).isEqualTo(lan.get(i)[1]);
            assertThat(Math.abs(Double.parseDouble(wifi.get(i)[0]) - Double.parseDouble(lan.get(i)[0]))).isLessThan(0.01);
        }
    }

    @Test
    void thePapersIpLayerLengthsAreTheSameBehindNatAndPppoeButNotOverIpv6() {
        List<String> lan = exact(detect("ip", "lan.pcap", "--device", "192.168.1.100"));
        assertThat(exact(detect("ip", "wan-pppoe.pcap", "--device", "wan:198.51.100.7", "--cloud",
                "devs.tplinkcloud.com"))).isEqualTo(lan);
        List<String[]> v6 = detect("ip", "wan6.pcap", "--device", "wan:2001:db8:0:1::64", "--cloud", "devs.tplinkcloud.com");
        assertThat(v6.size()).as("events read over IPv6 with IPv4 lengths").isLessThan(lan.size() / 2);
    }
}
