package org.iotevent.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.iotevent.capture.LinkType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HomeSimulatorTest {
    private static final int RADIOTAP = 16;
    private static final long SECOND = 1_000_000_000L;

    @TempDir
    static Path shared;
    static Path dir;
    static SimulationSummary summary;
    static JsonNode truth;
    static Map<Vantage, PcapFile> captures = new HashMap<>();

    @BeforeAll
    static void simulateHalfAnHour() throws IOException {
        dir = shared.resolve("home");
        SimulationOptions options = SimulationOptions.defaults(7).withDurationNanos(1_800 * SECOND)
                .withEventSpacingNanos(20 * SECOND).withNoiseFraction(0.1);
        summary = HomeSimulator.run(HomeReader.defaultHome(), options, dir);
        truth = new ObjectMapper().readTree(dir.resolve("truth.json").toFile());
        for (Vantage v : options.vantages()) {
            captures.put(v, PcapFile.read(dir.resolve(v.fileName())));
        }
    }

    @Test
    void sameSeedGivesSameBytesAndAnotherSeedOthers(@TempDir Path tmp) throws IOException {
        SimulationOptions options = SimulationOptions.defaults(42).withDurationNanos(600 * SECOND);
        HomeSimulator.run(HomeReader.defaultHome(), options, tmp.resolve("a"));
        HomeSimulator.run(HomeReader.defaultHome(), options, tmp.resolve("b"));
        HomeSimulator.run(HomeReader.defaultHome(), SimulationOptions.defaults(43).withDurationNanos(600 * SECOND),
                tmp.resolve("c"));
        for (String f : List.of("lan.pcap", "wan.pcap", "wifi.pcap", "events.csv", "truth.json",
                "events/mi-hub.csv")) {
            byte[] a = Files.readAllBytes(tmp.resolve("a").resolve(f));
            assertThat(a).as(f).isNotEmpty().isEqualTo(Files.readAllBytes(tmp.resolve("b").resolve(f)));
        }
        assertThat(Files.readAllBytes(tmp.resolve("c/lan.pcap")))
                .isNotEqualTo(Files.readAllBytes(tmp.resolve("a/lan.pcap")));
    }

    @Test
    void everyDeviceTriggersEveryEventAndTheLogsAgree() throws IOException {
        List<String> all = Files.readAllLines(dir.resolve("events.csv"));
        assertThat(all.get(0)).isEqualTo("timestamp,event");
        assertThat(all).hasSize(summary.events() + 1);
        assertThat(truth.get("events")).hasSize(summary.events());
        int perDevice = 0;
        for (Home.Device d : HomeReader.defaultHome().devices()) {
            List<String> lines = Files.readAllLines(dir.resolve("events/" + d.name() + ".csv"));
            perDevice += lines.size() - 1;
            for (DeviceModel.Event e : d.model().events()) {
                assertThat(lines).as(d.name()).anyMatch(l -> l.endsWith("," + e.name()));
                assertThat(all).anyMatch(l -> l.endsWith("," + d.name() + "/" + e.name()));
            }
        }
        assertThat(perDevice).isEqualTo(summary.events());
        java.util.Set<String> fromTruth = new java.util.HashSet<>();
        for (JsonNode e : truth.get("events")) {
            long micros = (e.get("trigger_ns").asLong() + 500) / 1000;
            fromTruth.add(String.format("%d.%06d,%s/%s", micros / 1_000_000, micros % 1_000_000,
                    e.get("device").asText(), e.get("event").asText()));
        }
        assertThat(new java.util.HashSet<>(all.subList(1, all.size()))).isEqualTo(fromTruth);
        double previous = 0;
        for (String line : all.subList(1, all.size())) {
            double t = Double.parseDouble(line.split(",")[0]);
            assertThat(t).isGreaterThanOrEqualTo(previous);
            previous = t;
        }
    }

    @Test
    void capturesHaveTheirLinkTypesAndTimeNeverGoesBack() {
        assertThat(captures.get(Vantage.LAN).linkType).isEqualTo(LinkType.ETHERNET);
        assertThat(captures.get(Vantage.WAN).linkType).isEqualTo(LinkType.ETHERNET);
        assertThat(captures.get(Vantage.WIFI).linkType).isEqualTo(LinkType.IEEE802_11_RADIOTAP);
        for (Vantage v : captures.keySet()) {
            List<PcapFile.Frame> frames = captures.get(v).frames;
            assertThat(frames).hasSize(summary.frames().get(v).intValue());
            for (int i = 1; i < frames.size(); i++) {
                assertThat(frames.get(i).timeNanos()).isGreaterThanOrEqualTo(frames.get(i - 1).timeNanos());
            }
        }
        // the WAN carries every packet but the LAN's own (DHCP, mDNS, SSDP), which the router does not forward
        long lanOnly = captures.get(Vantage.LAN).frames.stream().filter(HomeSimulatorTest::lanOnly).count();
        assertThat(lanOnly).isPositive();
        assertThat(captures.get(Vantage.LAN).frames.size() - lanOnly).isEqualTo(captures.get(Vantage.WAN).frames.size());
        assertThat(captures.get(Vantage.WAN).frames.stream().filter(HomeSimulatorTest::lanOnly).count()).isZero();
    }

    /** A UDP datagram of IPv4 without options to or from port 67, 68, 5353 or 1900. */
    private static boolean lanOnly(PcapFile.Frame f) {
        byte[] b = f.bytes();
        if (b.length < 42 || b[23] != 17) {
            return false;
        }
        int src = (b[34] & 0xff) << 8 | (b[35] & 0xff);
        int dst = (b[36] & 0xff) << 8 | (b[37] & 0xff);
        return java.util.stream.IntStream.of(67, 68, 5353, 1900).anyMatch(p -> p == src || p == dst);
    }

    @Test
    void groundTruthFramesCarryTheEventsPacketsAtEveryVantagePoint() {
        Map<String, JsonNode> devices = new HashMap<>();
        truth.get("devices").forEach(d -> devices.put(d.get("name").asText(), d));
        int wanAddress = address(truth.get("router_wan_address").asText());
        int events = 0;
        int retries = 0;
        for (JsonNode e : truth.get("events")) {
            JsonNode device = devices.get(e.get("device").asText());
            int deviceAddress = address(device.get("address").asText());
            int cloudAddress = address(device.get("domains").elements().next().asText());
            long trigger = e.get("trigger_ns").asLong();
            int packets = e.get("packets").asInt();
            assertThat(packets).isPositive();
            JsonNode lan = e.get("lan").get("frames");
            JsonNode wan = e.get("wan").get("frames");
            JsonNode wifi = e.get("wifi").get("frames");
            assertThat(lan).hasSize(packets);
            assertThat(wan).hasSize(packets);
            assertThat(wifi).hasSize(packets);
            assertThat(e.get("lan").get("unrelated_frames")).hasSize(e.get("unrelated_packets").asInt());
            for (int i = 0; i < packets; i++) {
                PcapFile.Frame l = captures.get(Vantage.LAN).frame(lan.get(i).asLong());
                PcapFile.Frame w = captures.get(Vantage.WAN).frame(wan.get(i).asLong());
                PcapFile.Frame f = captures.get(Vantage.WIFI).frame(wifi.get(i).asLong());
                assertThat(l.timeNanos()).isBetween(trigger, trigger + 10 * SECOND);
                int ipLength = l.u16(16);
                assertThat(ipLength).isEqualTo(l.bytes().length - 14);
                assertThat(w.u16(16)).isEqualTo(ipLength);
                assertThat(f.bytes().length - RADIOTAP - 26 - 8 - 8 - 8 - 4).isEqualTo(ipLength);
                assertThat(f.u8(RADIOTAP) & 0xfc).as("QoS data").isEqualTo(0x88);
                assertThat(f.u8(RADIOTAP + 1) & 0x40).as("protected").isEqualTo(0x40);
                int src = (int) l.u32(26);
                int dst = (int) l.u32(30);
                assertThat(List.of(src, dst)).containsExactlyInAnyOrder(deviceAddress, cloudAddress);
                int wanSrc = (int) w.u32(26);
                int wanDst = (int) w.u32(30);
                assertThat(List.of(wanSrc, wanDst)).containsExactlyInAnyOrder(wanAddress, cloudAddress);
                assertThat(ipChecksumOk(l)).isTrue();
                assertThat(ipChecksumOk(w)).isTrue();
            }
            for (JsonNode retry : e.get("wifi").get("retry_frames")) {
                PcapFile.Frame f = captures.get(Vantage.WIFI).frame(retry.asLong());
                assertThat(f.u8(RADIOTAP + 1) & 0x08).as("retry bit").isEqualTo(0x08);
                retries++;
            }
            events++;
        }
        assertThat(events).isGreaterThan(300);
        assertThat(retries).isPositive();
    }

    @Test
    void unrelatedPacketsMatchTheAskedFraction() {
        long related = 0;
        long unrelated = 0;
        for (JsonNode e : truth.get("events")) {
            related += e.get("packets").asInt();
            unrelated += e.get("unrelated_packets").asInt();
        }
        assertThat(unrelated / (double) (related + unrelated)).isBetween(0.08, 0.12);
    }

    @Test
    void miHubDatagramsMoveInSixteenByteSteps() {
        JsonNode hub = null;
        for (JsonNode d : truth.get("devices")) {
            if (d.get("name").asText().equals("mi-hub")) {
                hub = d;
            }
        }
        int hubAddress = address(hub.get("address").asText());
        int checked = 0;
        for (PcapFile.Frame f : captures.get(Vantage.LAN).frames) {
            boolean udp = f.u8(23) == 17;
            boolean hubFlow = (int) f.u32(26) == hubAddress && f.u16(36) == 8053
                    || (int) f.u32(30) == hubAddress && f.u16(34) == 8053;
            if (udp && hubFlow) {
                int payload = f.u16(38) - 8;
                assertThat(payload).isGreaterThanOrEqualTo(32);
                assertThat((payload - 32) % 16).isZero();
                assertThat(f.u16(42)).as("miIO magic").isEqualTo(0x2131);
                assertThat(f.u16(44)).as("miIO length").isEqualTo(payload);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(100);
    }

    @Test
    void wifiRetriesRepeatTheSequenceNumberAndBeaconsKeepTheirInterval() {
        List<PcapFile.Frame> frames = captures.get(Vantage.WIFI).frames;
        int retries = 0;
        int acks = 0;
        long lastBeacon = -1;
        for (int i = 0; i < frames.size(); i++) {
            PcapFile.Frame f = frames.get(i);
            assertThat(f.u8(2)).isEqualTo(RADIOTAP);
            assertThat(f.u8(8) & 0x10).as("FCS flag").isEqualTo(0x10);
            int fc = f.u8(RADIOTAP);
            if (fc == 0x88 && (f.u8(RADIOTAP + 1) & 0x08) != 0) {
                assertThat(f.bytes()).as("a retry repeats the frame but for the retry bit and the FCS")
                        .startsWith(java.util.Arrays.copyOf(frames.get(i - 1).bytes(), RADIOTAP + 1));
                PcapFile.Frame first = frames.get(i - 1);
                assertThat(first.u16(RADIOTAP + 22)).isEqualTo(f.u16(RADIOTAP + 22));
                assertThat(first.bytes().length).isEqualTo(f.bytes().length);
                retries++;
            } else if (fc == 0xd4) {
                assertThat(f.bytes()).hasSize(RADIOTAP + 14);
                acks++;
            } else if (fc == 0x80) {
                if (lastBeacon >= 0) {
                    assertThat(f.timeNanos() - lastBeacon).isBetween(99_400_000L, 105_400_000L); // deferred while the medium is busy
                }
                lastBeacon = f.timeNanos();
            }
        }
        assertThat(retries).isPositive();
        assertThat(acks).as("one ACK per data frame").isEqualTo(summary.packets());
    }

    @Test
    void backgroundOnlyTriggersNothingButTheDevicesStillTalk(@TempDir Path tmp) throws IOException {
        SimulationOptions options = SimulationOptions.defaults(3).withDurationNanos(600 * SECOND)
                .withBackgroundOnly(true).withVantages(EnumSet.of(Vantage.LAN));
        SimulationSummary s = HomeSimulator.run(HomeReader.defaultHome(), options, tmp);
        assertThat(s.events()).isZero();
        assertThat(Files.readAllLines(tmp.resolve("events.csv"))).containsExactly("timestamp,event");
        assertThat(s.frames().get(Vantage.LAN)).isGreaterThan(500);
        assertThat(tmp.resolve("wifi.pcap")).doesNotExist();
    }

    @Test
    void repetitionsTriggerEachEventExactlyThatOften(@TempDir Path tmp) throws IOException {
        Home home = HomeReader.resolve("tplink-hs100");
        // the paper's campaign: every event 100 times, 60 s apart
        SimulationOptions options = SimulationOptions.defaults(5).withRepetitions(100)
                .withVantages(EnumSet.of(Vantage.WAN));
        options = options.withDurationNanos(options.durationForRepetitions(5));
        HomeSimulator.run(home, options, tmp);
        List<String> lines = Files.readAllLines(tmp.resolve("events/tplink-hs100.csv"));
        Map<String, Integer> counts = new HashMap<>();
        lines.subList(1, lines.size()).forEach(l -> counts.merge(l.split(",")[1], 1, Integer::sum));
        assertThat(counts).containsOnlyKeys("on", "off", "timer", "schedule", "away_mode");
        assertThat(counts.values()).containsOnly(100);
    }

    static int address(String dotted) {
        String[] p = dotted.split("\\.");
        return Integer.parseInt(p[0]) << 24 | Integer.parseInt(p[1]) << 16 | Integer.parseInt(p[2]) << 8
                | Integer.parseInt(p[3]);
    }

    private static boolean ipChecksumOk(PcapFile.Frame f) {
        return Checksums.sum(f.bytes(), 14, 20, 0) == 0xffff;
    }
}
