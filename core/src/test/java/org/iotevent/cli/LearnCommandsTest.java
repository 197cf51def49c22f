package org.iotevent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.iotevent.capture.SharedData;
import org.iotevent.signature.Signature;
import org.iotevent.signature.SignatureFile;
import org.iotevent.traffic.SyntheticHome;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** train, detect and evaluate end to end on real pcap files of a made-up plug. */
class LearnCommandsTest extends SyntheticPlugTest {
    Cli train(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "-r", lan.toString(), "--events", events.toString(),
                "--device", SyntheticHome.PLUG_IP, "-o", signature.toString()));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(new String[0]));
    }

    @Test
    void trainPrintsWhatItLearntAndWritesAValidSignature() throws Exception {
        Cli r = train("--privacy", "ON");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("ON\\s+10\\s+10\\s+yes").containsPattern("OFF\\s+10\\s+10\\s+no")
                .containsPattern("other\\s+-\\s+20").contains("k=1")
                .contains("events read 100.0 % (mean recall over 2 events); false alarms 0.0 % of the device's own bursts")
                .contains("OFF and ON can be told apart: 100 % [65, 100] over 20 triggers, chance 50 %");
        assertThat(r.out().indexOf("events read")).as("the headline pair comes before the paper's accuracy")
                .isLessThan(r.out().indexOf("paper's accuracy (formula 4)"));
        Signature s = SignatureFile.read(signature);
        assertThat(s.privacyEvents()).containsExactly("ON");
        assertThat(s.samples()).hasSize(40);
        assertThat(s.provenance().inputs()).extracting(org.iotevent.signature.Provenance.Input::role)
                .containsExactly("capture", "events");
        assertThat(s.provenance().inputs().get(0).sha256())
                .isEqualTo(org.iotevent.signature.Provenance.sha256(lan));
    }

    @Test
    void oneSignatureServesWifiAndWanVantagePoints() throws Exception {
        assertThat(train("--privacy", "ON").exit()).isZero();
        Path wifi = dir.resolve("wifi.pcap");
        SyntheticHome.write(wifi, SyntheticHome.Vantage.WLAN, 6, 99);
        Cli r = Cli.run("detect", "-r", wifi.toString(), "-s", signature.toString(), "--device", SyntheticHome.PLUG_MAC,
                "--format", "jsonl");
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(12);
        assertThat(lines).filteredOn(l -> l.contains("\"event\":\"ON\",\"privacy\":true")).hasSize(3);
        assertThat(lines).filteredOn(l -> l.contains("\"event\":\"OFF\",\"privacy\":false")).hasSize(3);
        assertThat(lines).filteredOn(l -> l.contains("\"event\":\"other\"")).hasSize(6);
        assertThat(r.err().lines().filter(l -> l.startsWith("iotevent: ALERT ON at "))).hasSize(3);

        Path wan = dir.resolve("wan.pcap");
        SyntheticHome.write(wan, SyntheticHome.Vantage.WAN, 4, 7);
        Path csv = dir.resolve("out/detections.csv");
        Files.createDirectories(csv.getParent());
        Cli w = Cli.run("detect", "-r", wan.toString(), "-s", signature.toString(), "--device",
                "wan:" + SyntheticHome.ROUTER_WAN_IP, "--cloud", SyntheticHome.CLOUD_DOMAIN, "--format", "csv", "-o", csv.toString());
        assertThat(w.exit()).as(w.err()).isZero();
        assertThat(Files.readAllLines(csv)).hasSize(9).element(1).asString().contains(",ON,true,");
        try (var files = Files.list(csv.getParent())) {
            assertThat(files).containsExactly(csv);
        }
    }

    @Test
    void detectOnTheTrainingCaptureFindsEveryEventAtItsTime() {
        assertThat(train().exit()).isZero();
        Cli r = Cli.run("detect", "-r", lan.toString(), "-s", signature.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().lines().filter(l -> l.contains(" ON ") && l.contains("ALERT"))).hasSize(10);
        assertThat(r.out()).contains("2023-11-14 22:13:30.");
        assertThat(r.err()).contains("40 bursts: 10 OFF, 10 ON, 20 other");
    }

    @Test
    void detectReadsACaptureStreamOnStandardInput() throws Exception {
        assertThat(train().exit()).isZero();
        java.io.InputStream stdin = System.in;
        try (java.io.InputStream pcap = Files.newInputStream(lan)) {
            System.setIn(pcap);
            Cli r = Cli.run("detect", "-r", "-", "-s", signature.toString(), "--format", "csv");
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out().lines().filter(l -> l.contains(",ON,true,"))).hasSize(10);
        } finally {
            System.setIn(stdin);
        }
    }

    @Test
    void aDeviceWithoutPacketsGetsTheBusiestAddresses() {
        Cli r = Cli.run("train", "-r", lan.toString(), "--events", events.toString(), "--device", "10.9.9.9", "-o",
                signature.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("no packet of the device (IP 10.9.9.9)").contains("busiest addresses: ")
                .contains(SyntheticHome.PLUG_IP).doesNotContain("Exception");
        assertThat(signature).doesNotExist();
    }

    @Test
    void badEventLogsAreNamedAndOutsideEventsCounted() throws Exception {
        Files.writeString(events, "timestamp,event\n1700000010,ON\nsoon,OFF\n");
        Cli r = train();
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains(events + " line 3").contains("'soon'").hasLineCount(1);

        SyntheticHome.writeLog(events, List.of("1700000010.000,ON", "1600000000,OFF", "1800000000,OFF"));
        Cli outside = train();
        assertThat(outside.exit()).as(outside.err()).isZero();
        assertThat(outside.err()).contains("2 of 3 events lie outside the capture's time span");
    }

    @Test
    void aDamagedCaptureStopsWithTheReadersMessageAndWritesNoSignature() throws Exception {
        byte[] whole = Files.readAllBytes(lan);
        Files.write(lan, java.util.Arrays.copyOf(whole, whole.length - 30));
        Cli r = train();
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("iotevent: " + lan).doesNotContain("Exception");
        assertThat(signature).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith(".tmp"))).isEmpty();
        }
    }

    @Test
    void anUnwritableOutputIsRefusedBeforeAnyWork() {
        Path missing = dir.resolve("no/such/dir/plug.json");
        Cli r = Cli.run("train", "-r", lan.toString(), "--events", events.toString(), "--device", SyntheticHome.PLUG_IP,
                "-o", missing.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("iotevent: cannot write " + missing + ": directory " + missing.getParent()
                + " does not exist" + System.lineSeparator());
        assertThat(r.out()).isEmpty();
    }

    @Test
    void evaluateGivesFormulaFourPerEventConfusionAndTheKSweep() throws Exception {
        Path json = dir.resolve("eval.json");
        Cli r = Cli.run("evaluate", "-r", lan.toString(), "--events", events.toString(), "--device", SyntheticHome.PLUG_IP,
                "--repeats", "5", "--seed", "3", "--json", json.toString(), "--classifier", "paper");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("accuracy (formula 4): 100.0 %").contains("accuracy by k:");
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertThat(j.get("accuracy").doubleValue()).isEqualTo(1.0);
        assertThat(j.get("per_event").get("ON").get("recall").doubleValue()).isEqualTo(1.0);
        assertThat(j.get("confusion").get("other").get("other").intValue()).as("each sample once").isEqualTo(20);
        assertThat(j.get("accuracy_by_k").has("1")).isTrue();
        assertThat(j.get("accuracy_by_k").has("9")).isTrue();
        assertThat(j.get("k").intValue()).isEqualTo(1);
    }

    @Test
    @Tag(SharedData.TAG)
    void evaluateReadsTheAuthorsSequenceFiles() {
        Path data = SharedData.file("data/iotevents/12_31tuya_cz.txt");
        Cli r = Cli.run("evaluate", "--iotevents", data.toString(), "--k", "1,3", "--classifier", "paper");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("12 samples (ds_on/off 4, power_on/off 4, timer_on 4)").containsPattern("k=1 5\\d\\.\\d %");
    }

    @Test
    void damagedSignatureGetsOneLine() throws Exception {
        Files.writeString(signature, "{\"format\": \"iotevent-signature\", \"version\": 1, \"device\"");
        Cli r = Cli.run("detect", "-r", lan.toString(), "-s", signature.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("truncated").hasLineCount(1);
    }
}
