package org.iotevent.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opens the rendered report in headless Chromium: every chart drawn, no script error, a screenshot kept. */
class ReportInBrowserTest {
    private static final Pattern CHART = Pattern.compile(
            "<svg class=\"chart\" data-chart=\"([a-z-]+)\"[^>]*>(.*?)</svg>", Pattern.DOTALL);
    private static final Pattern SHAPE = Pattern.compile("<(rect|line|circle|polygon|polyline|path)\\b");

    @TempDir
    static Path dir;
    static Path page;

    @BeforeAll
    static void render() throws Exception {
        HeadlessChromium.assumeInstalled();
        page = dir.resolve("report.html");
        ReportWriter.write(new HtmlReportRenderer().render(SampleReports.plug()), page);
    }

    @Test
    void everyChartIsDrawnAndNoScriptFails() throws Exception {
        String dom = HeadlessChromium.dumpDom(page);
        assertThat(dom).as("the page loaded").contains("</main>");
        assertThat(dom).as("script errors or blocked fetches recorded by the page")
                .doesNotContainPattern("<html[^>]*data-script-errors");
        Map<String, Integer> expected = Map.of("sequence", 4, "accuracy-by-k", 1, "confusion", 1, "timeline", 1,
                "defences", 1);
        Map<String, Integer> found = new java.util.TreeMap<>();
        Matcher m = CHART.matcher(dom);
        while (m.find()) {
            Matcher shapes = SHAPE.matcher(m.group(2));
            int n = 0;
            while (shapes.find()) {
                n++;
            }
            assertThat(n).as("shapes drawn in a " + m.group(1) + " chart").isGreaterThan(3);
            found.merge(m.group(1), 1, Integer::sum);
        }
        assertThat(found).isEqualTo(new java.util.TreeMap<>(expected));
    }

    @Test
    void aScriptNamedEventShowsAsText() throws Exception {
        String dom = HeadlessChromium.dumpDom(page);
        assertThat(dom).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(Occurrences.count(dom, "<script")).as("only the error recorder").isEqualTo(1);
    }

    @Test
    void theErrorRecorderCatchesAFailingScript() throws Exception {
        Path broken = dir.resolve("broken.html");
        Files.writeString(broken, "<!DOCTYPE html><html><head><script>" + HtmlReportRenderer.ERROR_HOOK
                + "</script><script>notDefined();</script></head><body></body></html>");
        assertThat(HeadlessChromium.dumpDom(broken)).containsPattern("<html[^>]*data-script-errors=\"[^\"]*notDefined");
    }

    @Test
    void screenshotIsKept() throws Exception {
        Path png = Path.of("target", "report-screenshot.png");
        Files.createDirectories(png.getParent());
        Files.deleteIfExists(png);
        HeadlessChromium.screenshot(page, png, 4200);
        assertThat(Files.size(png)).as("a PNG of the report in target/").isGreaterThan(10_000);
    }
}
