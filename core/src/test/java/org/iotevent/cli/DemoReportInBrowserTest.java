package org.iotevent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.iotevent.report.HeadlessChromium;
import org.iotevent.sim.Home;
import org.iotevent.sim.HomeReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The demo's report read as an auditor would, in Chromium: the figures of the detection session per
 * device and vantage point equal those of the evaluation files the demo wrote, nothing overflows its
 * box, the printed PDF gives each device its own pages, and a screenshot is kept in target/.
 */
class DemoReportInBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path page;
    static String dom;
    static List<String> devices;

    @BeforeAll
    static void runTheDemo() throws Exception {
        HeadlessChromium.assumeInstalled();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.newCommandLine();
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("demo", "-o", dir.toString(), "--train-repetitions", "6", "--test-repetitions", "3"))
                .as(err.toString()).isZero();
        page = dir.resolve("report.html");
        dom = HeadlessChromium.dumpDom(page);
        Home home = HomeReader.resolve("default");
        devices = home.devices().stream().map(Home.Device::name).toList();
    }

    @Test
    void theHeadlineFiguresPerDeviceAndVantagePointAreThoseOfTheEvaluationFiles() throws Exception {
        List<String> sections = deviceSections(dom);
        assertThat(sections).hasSize(devices.size());
        int checked = 0;
        for (int i = 0; i < devices.size(); i++) {
            for (String[] via : new String[][] {{"WAN", "wan"}, {"WiFi", "wifi"}}) {
                JsonNode json = JSON.readTree(dir.resolve("evaluations").resolve(via[1]).resolve(devices.get(i) + "-align.json")
                        .toFile());
                assertThat(json.get("vantage").asText()).isEqualTo(via[0]);
                Matcher row = Pattern.compile("<tr data-vantage=\"" + via[0] + "\">(.*?)</tr>", Pattern.DOTALL)
                        .matcher(sections.get(i));
                assertThat(row.find()).as(devices.get(i) + ": a row measured from " + via[0]).isTrue();
                assertThat(cell(row.group(1), "events_read")).isEqualTo(percent(json.get("events_read").asDouble()));
                assertThat(cell(row.group(1), "false_alarm_rate")).isEqualTo(percent(json.get("false_alarm_rate").asDouble()));
                assertThat(cell(row.group(1), "accuracy")).isEqualTo(percent(json.get("accuracy").asDouble()));
                assertThat(cell(row.group(1), "leakage_bits")).isEqualTo(String.format(Locale.ROOT, "%.2f of %.2f",
                        json.get("leakage_bits").asDouble(), json.get("event_entropy_bits").asDouble()));
                String table2 = tableRow(dom, i);
                assertThat(cell(table2, "events_read\" data-vantage=\"" + via[0])).isEqualTo(cell(row.group(1), "events_read"));
                assertThat(cell(table2, "false_alarm_rate\" data-vantage=\"" + via[0]))
                        .isEqualTo(percent(json.get("false_alarm_rate").asDouble()));
                assertThat(sections.get(i)).as("one sentence of what leaks from " + via[0])
                        .containsPattern("<p class=\"leaks\" data-vantage=\"" + via[0] + "\">From [^<]*an eavesdropper[^<]*\\.</p>");
                checked++;
            }
            // the verdicts drawn in detail are the WAN file's, event by event
            JsonNode wan = JSON.readTree(dir.resolve("evaluations/wan").resolve(devices.get(i) + "-align.json").toFile());
            List<String> verdicts = new ArrayList<>();
            Matcher v = Pattern.compile("<td data-key=\"verdict\"><span class=\"badge [a-z]+\">([a-z ]+)</span>")
                    .matcher(sections.get(i));
            while (v.find()) {
                verdicts.add(v.group(1));
            }
            List<String> expected = new ArrayList<>();
            List<String> events = new ArrayList<>();
            Matcher names = Pattern.compile("<tr><td>([^<]+)</td><td>(<span class=\"badge privacy\">privacy event</span>)?</td>"
                    + "<td class=\"num\">").matcher(sections.get(i));
            while (names.find()) {
                events.add(names.group(1));
            }
            events.forEach(e -> expected.add(wan.get("per_event").get(e).get("verdict").asText()));
            wan.get("pairs").forEach(p -> expected.add(p.get("verdict").asText()));
            assertThat(verdicts).as(devices.get(i) + " verdicts").isEqualTo(expected);
        }
        assertThat(checked).isEqualTo(2 * devices.size());
    }

    @Test
    void theTimelineShowsTheSessionsTriggers() {
        for (String s : deviceSections(dom)) {
            assertThat(s).containsPattern("Against the event log: <b>\\d+ of \\d+ triggers detected</b>")
                    .contains("class=\"trigger");
        }
    }

    @Test
    void nothingOverflowsItsBox() throws Exception {
        assertThat(HeadlessChromium.overflows(page)).as("elements wider than their box").isEmpty();
    }

    @Test
    void printsWithEachDeviceOnItsOwnPages() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/pdftotext")),
                "pdftotext is not installed (Debian: poppler-utils; .ci/run installs it): the printed report is not checked");
        Path pdf = dir.resolve("report.pdf");
        HeadlessChromium.printToPdf(page, pdf);
        Process p = new ProcessBuilder("/usr/bin/pdftotext", "-layout", pdf.toString(), "-").redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String[] pages = text.split("\f");
        Home home = HomeReader.resolve("default");
        for (Home.Device d : home.devices()) {
            String heading = d.model().label() + " (IP ";
            List<Integer> starting = new ArrayList<>();
            for (int i = 0; i < pages.length; i++) {
                if (pages[i].strip().startsWith(heading)) {
                    starting.add(i);
                }
            }
            assertThat(starting).as("pages that begin with the section of " + d.model().label()).hasSize(1);
            for (Home.Device other : home.devices()) {
                if (other != d) {
                    assertThat(pages[starting.get(0)]).as(d.model().label() + "'s first page")
                            .doesNotContain(other.model().label() + " (IP ");
                }
            }
        }
        Path kept = Path.of("target", "demo-report.pdf");
        Files.copy(pdf, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void aScreenshotIsKept() throws Exception {
        assertThat(HeadlessChromium.keepScreenshot(page, "demo-report-screenshot.png", 3000)).as("a PNG of the demo's report in target/").isGreaterThan(10_000);
    }

    private static List<String> deviceSections(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<section class=\"device\" id=\"device-\\d+\">(.*?)</section>", Pattern.DOTALL)
                .matcher(html);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** Row {@code i} of the devices table (the paper's Table 2). */
    private static String tableRow(String html, int i) {
        Matcher table = Pattern.compile("<table class=\"devices\">.*?<tbody>(.*?)</tbody>", Pattern.DOTALL).matcher(html);
        assertThat(table.find()).as("the devices table").isTrue();
        return table.group(1).split("</tr>")[i];
    }

    private static String cell(String row, String key) {
        Matcher m = Pattern.compile("data-key=\"" + key + "\">([^<]*)<").matcher(row);
        assertThat(m.find()).as("a cell " + key + " in " + row).isTrue();
        return m.group(1);
    }

    private static String percent(double v) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * v);
    }
}
