package org.iotevent.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.iotevent.evaluate.EvaluationJson;
import org.iotevent.evaluate.Evaluator;
import org.iotevent.evaluate.defence.DefenceEvaluation;
import org.iotevent.evaluate.defence.DefenceResult;
import org.iotevent.evaluate.leakage.Estimate;
import org.iotevent.evaluate.leakage.Leakage;
import org.iotevent.evaluate.leakage.LeakageJson;
import org.iotevent.evaluate.leakage.LeakageResult;
import org.iotevent.signature.LabeledSample;
import org.iotevent.signature.PaperTrainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report draws the bits leaked per device and against each defence's overhead. */
class LeakageReportTest {
    private static List<LabeledSample> samples() {
        List<LabeledSample> samples = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            samples.add(new LabeledSample("on", new int[] {-235, 139, -583 - i % 3}, i));
            samples.add(new LabeledSample("off", new int[] {-235, 139, -583 - i % 3}, 100 + i));
            samples.add(new LabeledSample("other", new int[] {-91, 52 + i % 2}));
        }
        return samples;
    }

    @Test
    void readsTheLeakageEvaluateWrites(@TempDir Path dir) throws Exception {
        List<LabeledSample> samples = samples();
        ObjectNode tree = EvaluationJson.toJson(new Evaluator(new PaperTrainer(PaperTrainer.DEFAULT_K, 1), null, new int[0])
                .evaluate(samples, 2, 1), Map.of());
        LeakageResult r = new Leakage(1).measure(samples);
        LeakageJson.put(tree, r);
        Path file = dir.resolve("eval.json");
        try (OutputStream out = Files.newOutputStream(file)) {
            EvaluationJson.write(tree, out);
        }
        LeakageView v = ReportInputs.readEvaluation(file).view().leakage();
        assertThat(v.bits()).isEqualTo(r.all().bits());
        assertThat(v.entropyBits()).isEqualTo(r.all().entropyBits());
        assertThat(v.bestAccuracy()).isEqualTo(r.all().bestAccuracy().value());
        // on and off are one exchange: of log2(3) bits, the third that tells on from off does not leak
        assertThat(v.eventBits().value()).isCloseTo(0, offset(0.05));
        assertThat(v.bits().value()).isCloseTo(Math.log(3) / Math.log(2) - 2.0 / 3, offset(0.05));

        Files.writeString(file, Files.readString(file).replaceFirst("\"leakage_ci95\" : \\[ [0-9.E-]+,", "\"leakage_ci95\" : [ 9,"));
        assertThatThrownBy(() -> ReportInputs.readEvaluation(file)).isInstanceOf(ReportInputException.class)
                .hasMessageContaining("eval.json").hasMessageContaining("leakage_ci95");
    }

    @Test
    void anEvaluationWithoutLeakageDrawsNoBar(@TempDir Path dir) throws Exception {
        assertThat(new HtmlReportRenderer().render(SampleReports.plug())).doesNotContain("data-chart=\"leakage\"")
                .doesNotContain("data-chart=\"defence-bits\"");
    }

    @Test
    void drawsABarPerDeviceAndBitsAgainstOverhead() {
        Report base = SampleReports.plug();
        DeviceReport d = base.devices().get(0);
        EvaluationView v = d.evaluation();
        EvaluationView leaky = new EvaluationView(v.accuracy(), v.k(), v.accuracyByK(), v.labels(), v.confusion(),
                new LeakageView(new Estimate(1.52, 1.47, 1.56), 1.58, 0.99, new Estimate(0.98, 0.9, 1.0), 1.0));
        DeviceReport withLeakage = new DeviceReport(d.device(), d.cloud(), d.protocol(), d.classifier(), d.aSeconds(),
                d.bSeconds(), d.events(), d.heldOutAccuracy(), leaky);
        DefenceEvaluation def = base.defences().get(0);
        List<DefenceResult> results = new ArrayList<>();
        double[] bits = {1.4, 0.9, 0.05};
        for (int i = 0; i < bits.length; i++) {
            DefenceResult r = def.results().get(i);
            results.add(new DefenceResult(r.defence(), r.setting(), r.accuracy(), r.eventsRead(), r.falseAlarmRate(), r.majorityShare(),
                    r.bursts(), r.extraBytesPercent(), r.extraPackets(), r.addedLatencyMillis(), new DefenceResult.Leakage(
                            new Estimate(bits[i], bits[i] * 0.9, Math.min(1.58, bits[i] * 1.1)), 1.58, 0.9, null, Double.NaN)));
        }
        DefenceResult b = def.baseline();
        DefenceResult baseline = new DefenceResult(b.defence(), b.setting(), b.accuracy(), b.eventsRead(), b.falseAlarmRate(), b.majorityShare(),
                b.bursts(), 0, 0, 0, new DefenceResult.Leakage(new Estimate(1.52, 1.47, 1.56), 1.58, 0.99, null, Double.NaN));
        Report report = new Report(base.title(), base.sources(), List.of(withLeakage, base.devices().get(1)),
                base.timelines(), List.of(new DefenceEvaluation(def.device(), def.capture(), def.events(), def.attack(),
                        def.seed(), baseline, results)));
        String html = new HtmlReportRenderer().render(report);
        assertThat(html).contains("data-chart=\"leakage\"", "1.52 of 1.58 bits (96 %), best attack &lt;= 99.0 %",
                "data-chart=\"defence-bits\"", "0.05 of 1.58", "everything leaks");
        // the device's name is user input: escaped in the bar's label and tooltip too
        assertThat(html).doesNotContain("<b>co</b>").doesNotContain(SampleReports.XSS);
        // one bar per device with figures: the device without an evaluation has none
        assertThat(Occurrences.count(html, "class=\"leaked\"")).isEqualTo(1);
    }
}
