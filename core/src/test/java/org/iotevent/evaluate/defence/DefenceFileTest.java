package org.iotevent.evaluate.defence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.iotevent.evaluate.leakage.Estimate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefenceFileTest {
    private static final DefenceEvaluation E = new DefenceEvaluation("192.168.1.4", "a \"b\".pcap", "ev.csv", "paper k=1, a = 1 s, b = 3 s", 7,
            new DefenceResult("none", "", 0.9, 0.8, 0.02, 0.6, 100, 0, 0, 0, new DefenceResult.Leakage(
                    new Estimate(1.2, 1.1, 1.25), 1.5, 0.97, new Estimate(0.9, 0.8, 1.0), 1.0)),
            List.of(new DefenceResult("shaping", "20 ms", Double.NaN, Double.NaN, Double.NaN, 1, 1, 2500.5, 900, 12.5),
                    new DefenceResult("vpn", "", 0.5, 0.1, 0.3, 0.9, 40, 60, 0, 0, new DefenceResult.Leakage(
                            new Estimate(0.1, 0.05, 0.2), 0.4, 0.91, null, Double.NaN))));

    @Test
    void roundTripsIncludingUnmeasurableAccuracy(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("d.json");
        Files.writeString(f, DefenceFile.toJson(E));
        assertThat(DefenceFile.read(f)).isEqualTo(E);
    }

    @Test
    void readsAFileWrittenBeforeEventsReadAndFalseAlarms(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("old.json");
        Files.writeString(f, DefenceFile.toJson(E).replace("\"events_read\"", "\"event_recall\"")
                .replaceAll("\\s*\"false_alarm_rate\" : [^,]+,", ""));
        DefenceEvaluation old = DefenceFile.read(f);
        assertThat(old.baseline().eventsRead()).isEqualTo(0.8);
        assertThat(old.baseline().falseAlarmRate()).as("not recorded then").isNaN();
    }

    @Test
    void foreignOrDamagedFilesGetOneClearMessage(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("d.json");
        Files.writeString(f, "{\"format\":\"iotevent-signature\",\"version\":1}");
        assertThatThrownBy(() -> DefenceFile.read(f)).isInstanceOf(DefenceFormatException.class)
                .hasMessageContaining("d.json").hasMessageContaining("not a defence evaluation");
        Files.writeString(f, DefenceFile.toJson(E).replace("\"bursts\" : 100", "\"bursts\" : \"many\""));
        assertThatThrownBy(() -> DefenceFile.read(f)).hasMessageContaining("baseline").hasMessageContaining("bursts");
        Files.writeString(f, DefenceFile.toJson(E).replace("\"accuracy\" : 0.9", "\"accuracy\" : 1.9"));
        assertThatThrownBy(() -> DefenceFile.read(f)).hasMessageContaining("accuracy");
        Files.writeString(f, DefenceFile.toJson(E).replace("\"leakage_ci95\" : [ 1.1, 1.25 ]", "\"leakage_ci95\" : [ 1.3, 1.25 ]"));
        assertThatThrownBy(() -> DefenceFile.read(f)).hasMessageContaining("baseline").hasMessageContaining("leakage_ci95");
        Files.writeString(f, DefenceFile.toJson(E).substring(0, 40));
        assertThatThrownBy(() -> DefenceFile.read(f)).isInstanceOf(DefenceFormatException.class)
                .hasMessageContaining("truncated");
    }
}
