package org.iotevent.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Issue 13: a report for 1 000 event classes lists the largest confusions instead of a 10^6-cell matrix. */
class LargeConfusionTest {
    private static Report withClasses(int n) {
        List<String> labels = new ArrayList<>();
        long[][] confusion = new long[n][n];
        for (int i = 0; i < n; i++) {
            labels.add(String.format("event-%04d", i));
            confusion[i][i] = 9;
            confusion[i][(i + 1) % n] = i == 7 ? 50 : 1;
        }
        EvaluationView eval = new EvaluationView(0.9, 1, new TreeMap<>(), labels, confusion);
        DeviceReport d = new DeviceReport("192.168.1.23", "", "", "align k=1", 1.0, 2.0, List.of(), 0.9, eval);
        return new Report("many", List.of("s.json"), List.of(d), List.of(), List.of());
    }

    @Test
    void manyClassesAreSummarisedAsTheirLargestConfusions() {
        String page = new HtmlReportRenderer().render(withClasses(1000));
        assertThat(page.length()).isLessThan(200_000);
        assertThat(page).contains("1000 classes: too many for a matrix").doesNotContain("data-chart=\"confusion\"")
                .contains("<tr><td>event-0007</td><td>event-0008</td><td>50</td>");
        // the largest confusion comes first
        assertThat(page.indexOf("event-0007</td><td>event-0008")).isLessThan(page.indexOf("event-0000</td><td>event-0001"));
    }

    @Test
    void fewClassesKeepTheMatrix() {
        String page = new HtmlReportRenderer().render(withClasses(40));
        assertThat(page).doesNotContain("too many for a matrix").contains("data-chart=\"confusion\"");
    }
}
