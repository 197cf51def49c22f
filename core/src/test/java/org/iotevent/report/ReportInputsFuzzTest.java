package org.iotevent.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.iotevent.FuzzFiles;

/**
 * Coverage-guided fuzzing of the report's inputs (an evaluation, a detections file): any file is
 * read or gives one {@link ReportInputException} naming it. Regression mode replays
 * {@code ReportInputsFuzzTestInputs/}; {@code bench/fuzz.sh} fuzzes.
 */
class ReportInputsFuzzTest {
    private static final Path EVALUATION = FuzzFiles.tempFile(".json");
    private static final Path DETECTIONS = FuzzFiles.tempFile(".jsonl");

    @FuzzTest(maxDuration = "5m")
    void anyEvaluationFileIsReadOrNamed(byte[] json) throws IOException {
        Files.write(EVALUATION, json);
        try {
            ReportInputs.EvaluationInput e = ReportInputs.readEvaluation(EVALUATION);
            assertThat(e).isNotNull();
        } catch (ReportInputException e) {
            assertThat(e.getMessage()).startsWith(EVALUATION.toString());
        }
    }

    @FuzzTest(maxDuration = "5m")
    void anyDetectionsFileIsReadOrNamed(byte[] jsonl) throws IOException {
        Files.write(DETECTIONS, jsonl);
        try {
            Timeline t = ReportInputs.readDetections(DETECTIONS, "device");
            assertThat(t.entries().size()).isLessThanOrEqualTo((int) FuzzFiles.lineCount(jsonl));
        } catch (ReportInputException e) {
            assertThat(e.getMessage()).startsWith(DETECTIONS.toString());
        }
    }
}
