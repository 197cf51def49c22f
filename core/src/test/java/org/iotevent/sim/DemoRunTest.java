package org.iotevent.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.iotevent.evaluate.Evaluation;
import org.iotevent.signature.GroupedKnn;
import org.iotevent.signature.SignatureFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoRunTest {
    @Test
    void thePapersMethodTellsEveryDevicesEventsApartFromWifiAndWan(@TempDir Path dir) throws IOException {
        DemoRun.Result r = DemoRun.run(HomeReader.defaultHome(),
                new DemoRun.Options(dir, 4, 12, 6, 20, 0.005, "test", "2026-01-01T00:00:00Z"));
        assertThat(r.rows()).hasSize(9);
        assertThat(r.classifiers().get(0)).isEqualTo(GroupedKnn.NAME);
        double sumWifi = 0;
        double sumWan = 0;
        for (DemoRun.Row row : r.rows()) {
            // each device: every event tested 6 times, plus its own traffic's bursts
            assertThat(row.wifiBursts()).as(row.device()).isGreaterThan(6 * row.model().events().size());
            assertThat(row.wanBursts()).as(row.device()).isGreaterThan(6 * row.model().events().size());
            Evaluation wifiScore = row.wifi().get(GroupedKnn.NAME);
            Evaluation wanScore = row.wan().get(GroupedKnn.NAME);
            for (Evaluation e : List.of(wifiScore, wanScore)) {
                // the headline pair first: the events are read and the device's own traffic raises few alarms
                assertThat(e.reading().eventsRead()).as(row.device() + " events read").isGreaterThanOrEqualTo(0.9);
                assertThat(e.reading().falseAlarmRate()).as(row.device() + " false alarms").isLessThanOrEqualTo(0.05);
                assertThat(e.samples()).isEqualTo(e == wifiScore ? row.wifiBursts() : row.wanBursts());
            }
            double wifi = wifiScore.accuracy();
            double wan = wanScore.accuracy();
            assertThat(wifi).as(row.device() + " from WiFi").isGreaterThanOrEqualTo(0.9);
            assertThat(wan).as(row.device() + " from WAN").isGreaterThanOrEqualTo(0.9);
            sumWifi += wifi;
            sumWan += wan;
            var signature = SignatureFile.read(r.signatures().resolve(row.device() + ".json"));
            assertThat(signature.events()).hasSize(row.model().events().size());
            assertThat(signature.verdicts()).as(row.device() + ": verdicts recorded as train records them").isNotNull();
            assertThat(signature.verdicts().eventsRead()).as(row.device() + " events read in training")
                    .isGreaterThanOrEqualTo(0.9);
            assertThat(Files.readAllLines(r.detections().resolve("wan/" + row.device() + ".jsonl")))
                    .hasSize(row.wanBursts());
        }
        assertThat(sumWifi / 9).isGreaterThanOrEqualTo(0.96);
        assertThat(sumWan / 9).isGreaterThanOrEqualTo(0.96);
    }
}
