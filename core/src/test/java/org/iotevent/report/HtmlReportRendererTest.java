package org.iotevent.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportRendererTest {
    private final String html = new HtmlReportRenderer().render(SampleReports.plug());

    @Test
    void userNamesAreEscapedEverywhere() {
        assertThat(html).doesNotContain(SampleReports.XSS).doesNotContain("<b>co</b>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("192.168.1.23 &quot;plug&quot; &amp; &lt;b&gt;co&lt;/b&gt;")
                .contains("detections &lt;1&gt;.jsonl").contains("paper &lt;k&gt;");
        assertThat(Occurrences.count(html, "<script>")).as("only the error recorder is a script").isEqualTo(1);
    }

    @Test
    void controlCharactersAndLoneSurrogatesBecomeReplacementCharacters() {
        assertThat(Html.escape("a\u0000b\u001bc\ud800d\ud83d\ude00")).isEqualTo("a\ufffdb\ufffdc\ufffdd\ud83d\ude00");
    }

    @Test
    void isSelfContained() {
        assertThat(html).doesNotContainPattern("(?i)\\s(src|href)=\"(https?:)?//").doesNotContain("<link")
                .doesNotContain("@import").contains("Content-Security-Policy").contains("default-src 'none'");
        assertThat(html).containsPattern("(?s)<style>.+</style>");
    }

    @Test
    void drawsEveryChart() {
        assertThat(Occurrences.count(html, "data-chart=\"sequence\"")).as("one sequence per event").isEqualTo(4);
        assertThat(Occurrences.count(html, "data-chart=\"accuracy-by-k\"")).isEqualTo(1);
        assertThat(Occurrences.count(html, "data-chart=\"confusion\"")).isEqualTo(1);
        assertThat(Occurrences.count(html, "data-chart=\"timeline\"")).isEqualTo(1);
        assertThat(Occurrences.count(html, "data-chart=\"defences\"")).isEqualTo(1);
        assertThat(Occurrences.count(html, "class=\"cell")).as("a cell per confusion entry").isEqualTo(16);
        assertThat(Occurrences.count(html, "class=\"mark ")).as("a mark per detection").isEqualTo(60);
        assertThat(Occurrences.count(html, "class=\"dot f")).as("a dot per result, per legend family, and the key")
                .isEqualTo(8 + 6 + 1);
        assertThat(Occurrences.count(html, "class=\"ring f")).as("an events-read ring per result, and the key").isEqualTo(8 + 1);
        assertThat(Occurrences.count(html, "class=\"point\"")).as("a point per k").isEqualTo(6);
    }

    @Test
    void sequenceArrowsFollowDirectionAndHighlight() {
        Matcher m = Pattern.compile("<svg class=\"chart\" data-chart=\"sequence\".*?</svg>", Pattern.DOTALL).matcher(html);
        assertThat(m.find()).isTrue();
        String off = m.group();
        assertThat(off).contains("Packet sequence of event off");
        assertThat(Occurrences.count(off, "class=\"arrow out")).isEqualTo(3);
        assertThat(Occurrences.count(off, "class=\"arrow in")).isEqualTo(3);
        assertThat(Occurrences.count(off, " key\"")).as("arrow, head and length of the two distinguishing packets")
                .isEqualTo(6);
    }

    @Test
    void tableTwoListsEachDeviceWithItsAccuracy() {
        assertThat(html).contains("<td>plug.example-cloud.com</td><td>TCP/TLS</td>").contains("94.0 %</td>")
                .contains("not evaluated").as("training's held-out accuracy, marked").contains("87.5 %<sup>*</sup>")
                .doesNotContain("97.0 %");
    }

    @Test
    void theHeadlinePairLeadsAndTheVerdictsFollowEachEvent() {
        int read = html.indexOf("<th class=\"num\">Events read</th>");
        assertThat(read).isPositive().isLessThan(html.indexOf("<th class=\"num\">False alarms</th>"));
        assertThat(html.indexOf("<th class=\"num\">False alarms</th>")).isLessThan(html.indexOf("Paper's accuracy"));
        assertThat(html).contains("<td class=\"num\">90.0 %</td><td class=\"num\">2.5 %</td><td class=\"num\">94.0 %")
                .contains("<b>Events read 90.0 %</b>; <b>false alarms 2.5 %</b> of the device's own bursts (3.5 a day)")
                .contains("undecided</span> 53 % [36, 68] of 40, chance 50 %; about 130 more triggers would decide")
                .contains("distinguishable</span> 85 % [62, 97] of 20, chance 0 %")
                .contains("off / " + Html.escape(SampleReports.XSS)).doesNotContain("off / " + SampleReports.XSS);
        assertThat(html).as("the bare device has no figures").contains("<td class=\"num\">\u2013</td><td class=\"num\">\u2013</td>");
    }

    @Test
    void leakColumnFollowsPrecisionAndRecall() {
        assertThat(new EventReport("a", false, 1, ONE, 0.9, 0.85).leak())
                .isEqualTo(EventReport.Leak.READABLE);
        assertThat(new EventReport("a", false, 1, ONE, 0.5, 0.85).leak())
                .isEqualTo(EventReport.Leak.PARTLY);
        assertThat(new EventReport("a", false, 1, ONE, 0.9, 0.2).leak())
                .isEqualTo(EventReport.Leak.HIDDEN);
    }

    @Test
    void writerReplacesTheTargetAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("report.html");
        Files.writeString(out, "old");
        ReportWriter.write(html, out);
        assertThat(Files.readString(out)).isEqualTo(html);
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).containsExactly(out);
        }
    }

    @Test
    void aDayOfDetectionsIsBinnedIntoBoundedMarks() {
        List<Timeline.Entry> entries = new java.util.ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            long t = 1_767_225_600_000_000_000L + i * 4_320_000_000L;
            entries.add(new Timeline.Entry(t, t + 1_000_000_000L, i % 2 == 0 ? "other" : "on", i % 2 == 1, 5));
        }
        String page = new HtmlReportRenderer().render(new Report("day", List.of(), List.of(),
                List.of(new Timeline("plug", "day.jsonl", entries)), List.of()));
        int marks = Occurrences.count(page, "class=\"mark ");
        assertThat(marks).as("at most one mark per row and 3-pixel column").isBetween(2 * 200, 2 * 240);
        assertThat(page).contains("\u00d7 on from 2026-01-01").contains("20000 bursts");
    }

    @Test
    void aWholeHomeRunKeepsEachDevicesOwnTrafficGreyAndLast() {
        long t = 1_767_225_600_000_000_000L;
        List<Timeline.Entry> entries = List.of(new Timeline.Entry(t, t, "plug/other", false, 2),
                new Timeline.Entry(t + 1, t + 1, "hub/alarm_on", true, 4), new Timeline.Entry(t + 2, t + 2, "plug/on", false, 5));
        String page = new HtmlReportRenderer().render(new Report("home", List.of(), List.of(),
                List.of(new Timeline("home", "home.jsonl", entries)), List.of()));
        assertThat(page).contains("3 bursts, 2 labelled with an event, 1 privacy alerts")
                .containsSubsequence(">hub/alarm_on<", ">plug/on<", ">plug/other<");
        assertThat(Occurrences.count(page, "class=\"mark other\"")).isEqualTo(1);
    }

    @Test
    void aLongSequenceIsCutAtTheDrawingLimit() {
        int[] seq = new int[80];
        java.util.Arrays.fill(seq, -100);
        EventReport e = new EventReport("burst", false, 1, new SequenceHighlighter.Highlight(seq, new boolean[80], true),
                Double.NaN, Double.NaN);
        String page = new HtmlReportRenderer().render(new Report("t", List.of(), List.of(new DeviceReport("d", "", "",
                "paper", 1, 3, List.of(e), Double.NaN, null)), List.of(), List.of()));
        assertThat(Occurrences.count(page, "class=\"arrow out")).isEqualTo(Charts.MAX_PACKETS_DRAWN);
        assertThat(page).contains("80 packets", "the first 60 are drawn");
    }

    @Test
    void reportWithoutSectionsIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Report("t", List.of(), List.of(), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static final SequenceHighlighter.Highlight ONE =
            new SequenceHighlighter.Highlight(new int[] {1}, new boolean[] {true}, false);
}
