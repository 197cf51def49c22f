package org.iotevent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.iotevent.signature.Separation;
import org.iotevent.signature.Signature;
import org.iotevent.signature.SignatureFile;
import org.iotevent.signature.Verdict;
import org.iotevent.signature.Verdicts;
import org.iotevent.traffic.SyntheticHome;
import org.junit.jupiter.api.Test;

/** The headline figures and verdicts through train, evaluate (also -s) and detect, on real pcap files. */
class VerdictsCommandsTest extends SyntheticPlugTest {
    private Cli train() {
        Cli r = Cli.run("train", "-r", lan.toString(), "--events", events.toString(), "--device", SyntheticHome.PLUG_IP,
                "-o", signature.toString(), "--privacy", "ON");
        assertThat(r.exit()).as(r.err()).isZero();
        return r;
    }

    @Test
    void evaluateJsonKeepsItsKeysAndAddsTheHeadlineEqualToWhatItPrints() throws Exception {
        Path json = dir.resolve("eval.json");
        Cli r = Cli.run("evaluate", "-r", lan.toString(), "--events", events.toString(), "--device", SyntheticHome.PLUG_IP,
                "--repeats", "3", "--json", json.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        for (String key : List.of("accuracy", "per_event", "confusion", "accuracy_by_k", "k", "tp", "tn", "fp", "fn",
                "repeats", "seed", "samples", "tested_per_repeat", "events_read", "false_alarm_rate",
                "false_alarms_per_day", "pairs")) {
            assertThat(j.has(key)).as(key).isTrue();
        }
        String firstFigures = r.out().lines().skip(1).findFirst().orElseThrow();
        assertThat(firstFigures).startsWith("events read " + LearnOptions.percent(j.get("events_read").doubleValue()))
                .contains("false alarms " + LearnOptions.percent(j.get("false_alarm_rate").doubleValue()) + " of the "
                        + "device's own bursts (" + j.get("false_alarms").intValue() + " of " + j.get("own_bursts").intValue());
        assertThat(j.get("false_alarms_per_day").isNumber()).as("the capture spans a known time").isTrue();
        JsonNode on = j.get("per_event").get("ON");
        assertThat(r.out()).containsPattern("ON\\s+" + on.get("triggers").intValue() + "\\s+" + on.get("read").intValue()
                + "\\s+" + java.util.regex.Pattern.quote(LearnOptions.percent(on.get("recall").doubleValue())) + ".*"
                + on.get("verdict").textValue());
        JsonNode pair = j.get("pairs").get(0);
        assertThat(pair.get("events").toString()).isEqualTo("[\"OFF\",\"ON\"]");
        assertThat(r.out()).contains(String.format(java.util.Locale.ROOT, "OFF and ON can be told apart: %.0f %% [%.0f, %.0f] "
                + "over %d triggers, chance %.0f %%", 100 * pair.get("accuracy").doubleValue(),
                100 * pair.get("ci95").get(0).doubleValue(), 100 * pair.get("ci95").get(1).doubleValue(),
                pair.get("triggers").intValue(), 100 * pair.get("chance").doubleValue()));
        assertThat(pair.get("verdict").textValue()).isEqualTo("distinguishable");
        assertThat(pair.get("p_value").doubleValue()).isLessThan(0.001);
        assertThat(r.out()).contains("paper's accuracy (formula 4): " + LearnOptions.percent(j.get("accuracy").doubleValue()));
    }

    @Test
    void evaluateScoresASignatureOnAnotherSessionWithoutRetraining() throws Exception {
        train();
        Path wifi = dir.resolve("wifi.pcap");
        Path wifiEvents = dir.resolve("wifi-events.csv");
        SyntheticHome.writeLog(wifiEvents, SyntheticHome.write(wifi, SyntheticHome.Vantage.WLAN, 6, 99));
        Path json = dir.resolve("session.json");
        Cli r = Cli.run("evaluate", "-s", signature.toString(), "-r", wifi.toString(), "--events", wifiEvents.toString(),
                "--device", SyntheticHome.PLUG_MAC, "--json", json.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("no retraining").contains("12 samples (OFF 3, ON 3, other 6)")
                .contains("events read 100.0 %").contains("false alarms 0.0 % of the device's own bursts (0 of 6");
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertThat(j.get("samples").intValue()).isEqualTo(12);
        assertThat(j.get("events_read").doubleValue()).isEqualTo(1.0);
        assertThat(j.get("accuracy").doubleValue()).isEqualTo(1.0);
        assertThat(j.get("per_event").get("ON").get("triggers").intValue()).isEqualTo(3);
        assertThat(j.get("per_event").get("ON").get("verdict").textValue())
                .as("3 of 3 read where own traffic never reads ON: above chance even with 3").isEqualTo("distinguishable");
        assertThat(j.get("per_event").get("ON").get("ci95").get(0).doubleValue()).isCloseTo(Math.pow(0.025, 1.0 / 3),
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(j.get("method").textValue()).contains("another session");

        Path html = dir.resolve("report.html");
        Cli report = Cli.run("report", "-s", signature.toString(), "--evaluation", json.toString(), "-o", html.toString());
        assertThat(report.exit()).as(report.err()).isZero();
        assertThat(Files.readString(html)).as("the report leads with the session's figures")
                .contains("<td class=\"num\" data-key=\"events_read\">100.0 %</td><td class=\"num\" data-key=\"false_alarm_rate\">"
                        + "0.0 %</td><td class=\"num\">100.0 %</td>")
                .contains("data-key=\"events_read\">100.0 %</td><td class=\"num\" data-key=\"false_alarm_rate\">0.0 %<span class=\"note\"> (")
                .containsPattern("<p class=\"leaks\"[^>]*>An eavesdropper tells [^<]* from the device&#39;s own traffic and names [^<]*</p>");

        Cli withA = Cli.run("evaluate", "-s", signature.toString(), "-r", wifi.toString(), "--events",
                wifiEvents.toString(), "--device", SyntheticHome.PLUG_MAC, "-a", "0.5");
        assertThat(withA.exit()).isEqualTo(1);
        assertThat(withA.err()).contains("-a: the signature fixes a").hasLineCount(1);
        Cli withK = Cli.run("evaluate", "-s", signature.toString(), "-r", wifi.toString(), "--events",
                wifiEvents.toString(), "--device", SyntheticHome.PLUG_MAC, "--k", "3");
        assertThat(withK.exit()).isEqualTo(1);
        assertThat(withK.err()).contains("--k: evaluate -s scores the signature as it is, without retraining");
    }

    @Test
    void trainRecordsTheVerdictsAndOldSignaturesWithoutThemStillRead() throws Exception {
        train();
        Signature s = SignatureFile.read(signature);
        assertThat(s.verdicts()).isNotNull();
        assertThat(s.verdicts().eventsRead()).isEqualTo(1.0);
        assertThat(s.verdicts().events().get("ON").verdict()).isEqualTo(Verdict.DISTINGUISHABLE);
        assertThat(s.verdicts().pairs()).singleElement().extracting(Separation::events).isEqualTo(List.of("OFF", "ON"));
        SignatureFile.write(s, dir.resolve("again.json"));
        assertThat(SignatureFile.read(dir.resolve("again.json")).verdicts()).isEqualTo(s.verdicts());

        com.fasterxml.jackson.databind.node.ObjectNode old = SignatureFile.toJson(s);
        old.remove("verdicts");
        Path oldFile = dir.resolve("old.json");
        Files.writeString(oldFile, old.toString());
        assertThat(SignatureFile.read(oldFile).verdicts()).isNull();
        assertThat(Cli.run("detect", "-r", lan.toString(), "-s", oldFile.toString()).exit()).isZero();
    }

    @Test
    void detectRaisesNoAlertForAnEventItsSignatureCannotTellFromOwnTraffic() throws Exception {
        train();
        Signature s = SignatureFile.read(signature);
        Verdicts v = s.verdicts();
        TreeMap<String, Separation> events = new TreeMap<>(v.events());
        Separation on = events.get("ON");
        events.put("ON", new Separation(on.events(), 0, 40, 0.0, 0.0, 0, 0.09, 1, Verdict.INDISTINGUISHABLE, 0));
        Path hidden = dir.resolve("hidden.json");
        SignatureFile.write(s.withVerdicts(new Verdicts(v.eventsRead(), v.falseAlarmRate(), v.falseAlarmsPerDay(),
                v.margin(), events, v.pairs())), hidden);
        Cli r = Cli.run("detect", "-r", lan.toString(), "-s", hidden.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().lines().filter(l -> l.contains(" ON "))).as("still labelled").hasSize(10);
        assertThat(r.out()).doesNotContain("ALERT");
        assertThat(r.err().lines().filter(l -> l.contains("ON raises no alert: its signature says it cannot be told "
                + "from the device's own traffic"))).hasSize(1);
        assertThat(r.err()).doesNotContain("ALERT");
    }

    @Test
    void detectSaysBeforeItsAlertsWhatAnAlertMayBeWhenTrainingDidNotTellTheEventsApart() throws Exception {
        train();
        Cli told = Cli.run("detect", "-r", lan.toString(), "-s", signature.toString());
        assertThat(told.exit()).as(told.err()).isZero();
        assertThat(told.err()).as("the events were told apart: no caveat").doesNotContain("may be");

        Signature s = SignatureFile.read(signature);
        Verdicts v = s.verdicts();
        Separation p = v.pairs().get(0);
        Path unsure = dir.resolve("unsure.json");
        SignatureFile.write(s.withVerdicts(new Verdicts(v.eventsRead(), v.falseAlarmRate(), v.falseAlarmsPerDay(), v.margin(),
                v.events(), List.of(new Separation(p.events(), 5, 6, 0.83, 0.5, 0.33, 0.98, 0.03, Verdict.UNDECIDED, 7)))),
                unsure);
        Cli r = Cli.run("detect", "-r", lan.toString(), "-s", unsure.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> err = r.err().lines().toList();
        int caveat = err.indexOf("iotevent: an alert ON may be OFF: OFF and ON: undecided, 83 % [33, 98] over 6 triggers, "
                + "chance 50 %; about 7 more triggers at this rate would decide");
        assertThat(caveat).as(r.err()).isNotNegative();
        assertThat(err.subList(0, caveat)).as("said before any alert").noneMatch(l -> l.contains("ALERT ON at"));
        assertThat(err.get(caveat + 1)).as("right before the first").contains("ALERT ON at");
        assertThat(r.err()).contains("ALERT ON at");
    }

    /** Simulates the twin lock triggered {@code repetitions} times per event and trains on it. */
    private Cli trainTwinLock(int repetitions, Path lock) {
        Path sim = dir.resolve("twin-" + repetitions);
        Cli s = Cli.run("simulate", "--home", "twin-lock", "--repetitions", Integer.toString(repetitions), "--spacing",
                "20", "--vantage", "lan", "-o", sim.toString());
        assertThat(s.exit()).as(s.err()).isZero();
        Cli r = Cli.run("train", "-r", sim.resolve("lan.pcap").toString(), "--events",
                sim.resolve("events/twin-lock.csv").toString(), "--device", "192.168.1.100", "-o", lock.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        return r;
    }

    @Test
    void theTwinLocksLockAndUnlockCannotBeToldApartOnceThereAreEnoughTriggers() throws Exception {
        Path lock = dir.resolve("lock.json");
        Cli r = trainTwinLock(120, lock);
        assertThat(r.out()).contains("lock and unlock cannot be told apart: ")
                .contains("that one of the two happened is still read")
                .contains("lock and passcode_add can be told apart").contains("passcode_add and unlock can be told apart");
        Verdicts v = SignatureFile.read(lock).verdicts();
        assertThat(v.pairs()).filteredOn(p -> p.events().equals(List.of("lock", "unlock"))).singleElement()
                .satisfies(p -> {
                    assertThat(p.verdict()).isEqualTo(Verdict.INDISTINGUISHABLE);
                    assertThat(p.chance()).isEqualTo(0.5);
                    assertThat(p.units()).isGreaterThan(200);
                });

        Cli few = trainTwinLock(30, dir.resolve("few.json"));
        assertThat(few.out()).containsPattern("lock and unlock: undecided, .* over \\d+ triggers, chance 50 %; about \\d+ "
                + "more triggers at this rate would decide");
    }
}
