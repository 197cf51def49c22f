package org.iotevent.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.iotevent.evaluate.Evaluation;
import org.iotevent.evaluate.EvaluationJson;
import org.iotevent.evaluate.Evaluator;
import org.iotevent.signature.LabeledSample;
import org.iotevent.signature.PaperTrainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading what evaluate --json writes: the report's view must match the evaluation it came from. */
class ReportInputsTest {
    private static Evaluation evaluation() {
        List<LabeledSample> samples = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            samples.add(new LabeledSample("on", new int[] {-235, 139, -583 - i % 3}));
            samples.add(new LabeledSample("off", new int[] {-235, 139, -571 - i % 3}));
            samples.add(new LabeledSample("<b>lamp</b>", new int[] {-299, 139 + i % 2}));
            samples.add(new LabeledSample("other", new int[] {-91, 52 + i % 2}));
        }
        return new Evaluator(new PaperTrainer(PaperTrainer.DEFAULT_K, 1), k -> new PaperTrainer(new int[] {k}, 1),
                new int[] {1, 3, 5}).evaluate(samples, 3, 1);
    }

    @Test
    void readsWhatEvaluateWrites(@TempDir Path dir) throws Exception {
        Evaluation e = evaluation();
        Path file = dir.resolve("eval.json");
        try (OutputStream out = Files.newOutputStream(file)) {
            EvaluationJson.write(EvaluationJson.toJson(e, Map.of("input", "x.pcap")), out);
        }
        ReportInputs.EvaluationInput in = ReportInputs.readEvaluation(file);
        EvaluationView v = in.view();
        assertThat(v.accuracy()).isEqualTo(e.accuracy());
        assertThat(v.k()).isEqualTo(e.k());
        assertThat(v.accuracyByK()).isEqualTo(e.accuracyByK());
        assertThat(v.labels()).containsExactly("<b>lamp</b>", "off", "on", "other");
        for (int a = 0; a < v.labels().size(); a++) {
            for (int p = 0; p < v.labels().size(); p++) {
                assertThat(v.count(a, p)).isEqualTo(e.confusion().getOrDefault(v.labels().get(a), new java.util.TreeMap<>())
                        .getOrDefault(v.labels().get(p), 0L));
            }
        }
        assertThat(in.recall().get("on")).isEqualTo(e.perEvent().get("on").recall());
        assertThat(in.precision().get("off")).isEqualTo(e.perEvent().get("off").precision());
        assertThat(in.verdicts()).as("the headline figures and verdicts read back whole").isEqualTo(e.reading().verdicts());
        assertThat(in.verdicts().pairs()).hasSize(3);
    }

    @Test
    void aDamagedEvaluationNamesFileAndField(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("eval.json");
        Files.writeString(file, "{\"accuracy\": 0.9, \"k\": 1, \"per_event\": {}, \"accuracy_by_k\": {\"one\": 0.9},"
                + " \"confusion\": {}}");
        assertThatThrownBy(() -> ReportInputs.readEvaluation(file)).isInstanceOf(ReportInputException.class)
                .hasMessageContaining("eval.json").hasMessageContaining("accuracy_by_k key 'one'");
        Files.writeString(file, "{\"accuracy\": 1.5, \"k\": 1, \"per_event\": {}, \"accuracy_by_k\": {}, \"confusion\": {}}");
        assertThatThrownBy(() -> ReportInputs.readEvaluation(file)).hasMessageContaining("\"accuracy\" must be a fraction");
        Files.writeString(file, "{\"accuracy\": 0.5, \"k\": 1, \"per_event\": {}, \"accuracy_by_k\": {},"
                + " \"confusion\": {\"on\": {\"off\": -2}}}");
        assertThatThrownBy(() -> ReportInputs.readEvaluation(file)).hasMessageContaining("confusion.on.off");
    }

    @Test
    void detectionsBecomeATimelineAndABadLineIsNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("det.jsonl");
        // detect's keys ("ts" first, Zeek-style), and "start" as files written before it had them
        Files.writeString(file, "{\"ts\":1767225798.709857000,\"uid\":\"B0123456789abcdef\",\"device\":\"plug\","
                + "\"device_addr\":\"192.168.1.23\",\"event\":\"on\",\"privacy\":true,\"packets\":5,"
                + "\"end\":1767225799.1,\"distance\":0.0,\"first_frame\":1,\"last_frame\":5}\n\n"
                + "{\"start\":1767225700.5,\"end\":1767225700.5,\"packets\":2,\"event\":\"other\",\"privacy\":false,"
                + "\"distance\":null,\"first_frame\":9,\"last_frame\":10}\n");
        Timeline t = ReportInputs.readDetections(file, "plug");
        assertThat(t.entries()).extracting(Timeline.Entry::event).containsExactly("other", "on");
        assertThat(t.entries().get(1).startNanos()).isEqualTo(1_767_225_798_709_857_000L);
        Files.writeString(file, Files.readString(file) + "{\"start\":3,\"end\":2,\"packets\":1,\"event\":\"x\","
                + "\"privacy\":false}\n");
        assertThatThrownBy(() -> ReportInputs.readDetections(file, "plug")).isInstanceOf(ReportInputException.class)
                .hasMessageContaining("det.jsonl line 4");
    }
}
