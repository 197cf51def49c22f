package org.iotevent.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Reads every test capture (src/test/resources/captures) and compares each record's header fields with the
 * tshark 4.0 oracle next to it; for files tshark rejects, exactly the frames tshark delivered,
 * then a {@link CaptureFormatException}.
 */
class ConformanceTest {
    /** Wireshark WTAP_ENCAP numbers of the oracle's frame.encap_type to LINKTYPE values. */
    private static final Map<Integer, Integer> WTAP_TO_LINKTYPE = Map.ofEntries(
            Map.entry(1, LinkType.ETHERNET), Map.entry(7, LinkType.RAW), Map.entry(15, LinkType.NULL),
            Map.entry(20, LinkType.IEEE802_11), Map.entry(21, LinkType.IEEE802_11_PRISM),
            Map.entry(23, LinkType.IEEE802_11_RADIOTAP), Map.entry(25, LinkType.LINUX_SLL), Map.entry(97, LinkType.PPI),
            Map.entry(129, LinkType.IPV4), Map.entry(130, LinkType.IPV6), Map.entry(210, LinkType.LINUX_SLL2));

    @TestFactory
    Stream<DynamicTest> everyCaptureMatchesItsOracle() {
        return TestCaptures.eachCapture(ConformanceTest::check);
    }

    private static void check(Path capture) throws IOException {
        List<String> expected = expectedRows(capture);
        Records got = Records.readAll(() -> CaptureReaders.open(capture));
        List<String> actual = new ArrayList<>();
        for (Records.Row r : got.rows()) {
            actual.add(row(r));
        }
        assertThat(actual).containsExactlyElementsOf(expected);
        Path err = TestCaptures.oracleError(capture);
        if (Files.exists(err)) {
            assertThat(got.error()).as("tshark failed on this file: %s", Files.readString(err))
                    .isInstanceOf(CaptureFormatException.class);
            assertThat(got.error().getMessage()).startsWith(capture.toString() + ": ").contains("offset");
            String frames = Files.readAllLines(err).get(1).replaceAll("\\D", "");
            assertThat(actual).hasSize(Integer.parseInt(frames));
        } else {
            assertThat(got.error()).as("tshark read this file without error").isNull();
        }
    }

    /** The oracle's rows as "frame time len caplen iface linktype section", custom-block rows dropped. */
    private static List<String> expectedRows(Path capture) throws IOException {
        List<String> lines = Files.readAllLines(TestCaptures.oracle(capture));
        List<String> header = Arrays.asList(lines.get(0).split("\t", -1));
        int time = header.indexOf("frame.time_epoch");
        int len = header.indexOf("frame.len");
        int cap = header.indexOf("frame.cap_len");
        int iface = header.indexOf("frame.interface_id");
        int encap = header.indexOf("frame.encap_type");
        int section = header.indexOf("frame.section_number");
        int pen = header.indexOf("frame.cb_pen");
        List<String> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split("\t", -1);
            if (!c[pen].isEmpty()) {
                continue;
            }
            String linkType = String.valueOf(WTAP_TO_LINKTYPE.getOrDefault(Integer.parseInt(c[encap]), -1));
            String sectionFrom0 = c[section].isEmpty() ? "" : String.valueOf(Integer.parseInt(c[section]) - 1);
            rows.add(String.join(" ", String.valueOf(rows.size() + 1), c[time], c[len], c[cap], c[iface], linkType,
                    sectionFrom0));
        }
        return rows;
    }

    private static String row(Records.Row r) {
        String time = r.hasTime() ? String.format("%d.%09d", r.seconds(), r.fractionNanos()) : "";
        return String.join(" ", String.valueOf(r.frame()), time, String.valueOf(r.wireLength()),
                String.valueOf(r.capturedLength()), r.interfaceId() < 0 ? "" : String.valueOf(r.interfaceId()),
                String.valueOf(r.linkType()), r.section() < 0 ? "" : String.valueOf(r.section()));
    }
}
