package org.iotevent.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The sinks build their lines field by field into a reused buffer; each line must read exactly as
 * the plain formulation (String.format, DateTimeFormatter, Jackson's escaping) writes it, over
 * seeded random detections with the hard cases: times before 1970 and at full nanoseconds, huge
 * and infinite distances, half-way roundings, names needing JSON escapes or CSV quotes.
 */
class SinkFormatTest {
    private static final String[] NAMES = {"plug", "a,\"b\"", "tab\there", "line\nbreak", "back\\slash", "\u0001ctl",
            "caf\u00e9", "\u2603 snow", "", "very-long-device-name-past-the-column"};
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private static List<Detection> detections(long seed, int n) {
        Random r = new Random(seed);
        List<Detection> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long start = switch (r.nextInt(4)) {
                case 0 -> -r.nextInt(1_000_000_000) * 1_000_000_000L - r.nextInt(1_000_000_000);
                case 1 -> r.nextLong(4_000_000_000_000_000_000L);
                case 2 -> r.nextInt(1000) * 1_000_000_000L;
                default -> 1_518_557_884_000_000_000L + r.nextInt(1_000_000_000);
            };
            long end = start + (r.nextBoolean() ? r.nextInt(5_000_000) * 1000L + 500_000 : r.nextLong(1L << 45));
            double distance = switch (r.nextInt(5)) {
                case 0 -> Double.POSITIVE_INFINITY;
                case 1 -> r.nextInt(100_000) / 1000.0 + 0.0005;
                case 2 -> r.nextDouble() * 1e17;
                case 3 -> 0;
                default -> r.nextDouble() * 5000;
            };
            String name = NAMES[r.nextInt(NAMES.length)];
            String event = r.nextInt(3) > 0 || name.isEmpty() ? "on" : name;
            long first = r.nextInt(1 << 30);
            DetectedEvent e = new DetectedEvent(start, end, first, first + r.nextInt(1000), 1 + r.nextInt(200_000), event,
                    r.nextBoolean(), distance);
            out.add(Detection.of(NAMES[r.nextInt(NAMES.length)], NAMES[r.nextInt(NAMES.length)],
                    r.nextBoolean() ? null : NAMES[r.nextInt(NAMES.length)], e));
        }
        return out;
    }

    private static String write(DetectionFormat format, List<Detection> detections) throws Exception {
        StringWriter out = new StringWriter();
        DetectionSink sink = format.open(out);
        for (Detection d : detections) {
            sink.accept(d);
        }
        sink.finish();
        return out.toString();
    }

    // the plain formulations, as the sinks wrote them before they built lines in place

    private static String seconds(long nanos) {
        if (nanos < 0) {
            return BigDecimal.valueOf(nanos, 9).toPlainString();
        }
        String fraction = Long.toString(1_000_000_000L + nanos % 1_000_000_000L);
        return (nanos / 1_000_000_000L) + "." + fraction.substring(1);
    }

    private static String distance(double d) {
        if (Double.isInfinite(d)) {
            return "inf";
        }
        if (d >= 1e15) {
            return String.format(Locale.ROOT, "%.3f", d);
        }
        long milli = Math.round(d * 1000);
        String fraction = Long.toString(1000 + milli % 1000);
        return (milli / 1000) + "." + fraction.substring(1);
    }

    private static String quote(String s) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
                ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static String uid(Detection d) {
        return "B" + String.format("%016x", d.id());
    }

    /** Numbers at every digit count, around the int range (written with int arithmetic below it) and the long's ends. */
    @Test
    void numbersReadAsLongToStringWrites() {
        List<Long> values = new ArrayList<>(List.of(0L, 1L, -1L, (long) Integer.MAX_VALUE, Integer.MAX_VALUE + 1L,
                (long) Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1));
        for (long p = 1; p > 0 && p <= Long.MAX_VALUE / 10; p *= 10) {
            values.addAll(List.of(p - 1, p, p + 1, 2 * p, -p, 10 * p - 1));
        }
        Text.Line line = Text.line();
        for (long v : values) {
            assertThat(line.start().number(v).toString()).as("%d", v).isEqualTo(Long.toString(v));
        }
    }

    private static String plainJson(List<Detection> ds) {
        StringBuilder expected = new StringBuilder();
        for (Detection d : ds) {
            DetectedEvent e = d.event();
            expected.append("{\"ts\":" + seconds(e.startNanos()) + ",\"uid\":\"" + uid(d) + "\",\"device\":"
                    + quote(d.device()) + ",\"device_addr\":" + quote(d.deviceAddress()) + ",\"peer_addr\":"
                    + (d.peerAddress() == null ? "null" : quote(d.peerAddress())) + ",\"event\":" + quote(e.event())
                    + ",\"privacy\":" + e.privacy() + ",\"packets\":" + e.packets() + ",\"end\":"
                    + seconds(e.endNanos()) + ",\"distance\":"
                    + (Double.isInfinite(e.distance()) ? "null" : distance(e.distance()))
                    + ",\"first_frame\":" + e.firstFrame() + ",\"last_frame\":" + e.lastFrame() + "}\n");
        }
        return expected.toString();
    }

    private static String plainCsv(List<Detection> ds) {
        StringBuilder expected = new StringBuilder(CsvSink.HEADER);
        for (Detection d : ds) {
            DetectedEvent e = d.event();
            expected.append(seconds(e.startNanos()) + "," + uid(d) + "," + csv(d.device()) + ","
                    + csv(d.deviceAddress()) + "," + (d.peerAddress() == null ? "" : csv(d.peerAddress())) + ","
                    + csv(e.event()) + "," + e.privacy() + "," + e.packets() + ","
                    + seconds(e.endNanos()) + "," + distance(e.distance()) + "," + e.firstFrame()
                    + "," + e.lastFrame() + "\n");
        }
        return expected.toString();
    }

    private static String plainTable(List<Detection> ds) {
        String row = "%-23s %9s %7s %-16s %-20s %-7s %10s  %s%n";
        StringBuilder expected = new StringBuilder(String.format(Locale.ROOT, row, "start (UTC)", "duration", "packets",
                "device", "event", "privacy", "distance", "frames"));
        for (Detection d : ds) {
            DetectedEvent e = d.event();
            expected.append(String.format(Locale.ROOT, row, TIME.format(Instant.ofEpochSecond(0, e.startNanos())),
                    String.format(Locale.ROOT, "%.3fs", (e.endNanos() - e.startNanos()) / 1e9), e.packets(), d.device(),
                    e.event(), e.privacy() ? "ALERT" : "", distance(e.distance()), e.firstFrame() + "-" + e.lastFrame()));
        }
        return expected.toString();
    }

    /** The alert line of {@code d} as Instant and string concatenation write it. */
    private static String plainAlert(String device, DetectedEvent e) {
        long n = e.startNanos();
        String time = Instant.ofEpochSecond(Math.floorDiv(n, 1_000_000_000L),
                Math.floorMod(n, 1_000_000_000L) / 1_000_000 * 1_000_000).toString();
        return "iotevent: ALERT " + (device == null ? "" : device + "/") + e.event() + " at " + time + " (frames "
                + e.firstFrame() + "-" + e.lastFrame() + ", " + e.packets() + " packets, distance " + distance(e.distance())
                + ")";
    }

    @Test
    void jsonLinesReadAsThePlainFormulationAndParse() throws Exception {
        List<Detection> ds = detections(1, 3000);
        String written = write(DetectionFormat.JSONL, ds);
        assertThat(written).isEqualTo(plainJson(ds));
        ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        String[] lines = written.split("\n");
        for (int i = 0; i < ds.size(); i++) {
            JsonNode n = json.readTree(lines[i]);
            assertThat(n.get("device").asText()).isEqualTo(ds.get(i).device());
            assertThat(n.get("event").asText()).isEqualTo(ds.get(i).event().event());
            assertThat(n.get("ts").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(ds.get(i).event().startNanos(), 9));
        }
        for (Detection d : ds.subList(0, 100)) {
            assertThat(JsonLinesSink.line(d)).isEqualTo(plainJson(List.of(d)));
        }
    }

    @Test
    void csvReadsAsThePlainFormulation() throws Exception {
        List<Detection> ds = detections(2, 3000);
        assertThat(write(DetectionFormat.CSV, ds)).isEqualTo(plainCsv(ds));
        assertThat(write(DetectionFormat.CSV, List.of())).isEqualTo(CsvSink.HEADER);
    }

    @Test
    void tableReadsAsStringFormat() throws Exception {
        List<Detection> ds = detections(3, 3000);
        assertThat(write(DetectionFormat.TABLE, ds)).isEqualTo(plainTable(ds));
    }

    @Test
    void asBytesEachFormatWritesWhatItsWriterWouldInThatEncoding() throws Exception {
        List<Detection> ds = detections(6, 2000);
        for (DetectionFormat format : DetectionFormat.values()) {
            String text = write(format, ds);
            for (Charset cs : List.of(StandardCharsets.UTF_8, StandardCharsets.US_ASCII, StandardCharsets.ISO_8859_1)) {
                ByteArrayOutputStream viaWriter = new ByteArrayOutputStream();
                try (Writer w = new OutputStreamWriter(viaWriter, cs)) {
                    w.write(text);
                }
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                DetectionSink sink = format.open(bytes, cs);
                for (Detection d : ds) {
                    sink.accept(d);
                }
                sink.finish();
                assertThat(bytes.toByteArray()).as(format + " in " + cs).isEqualTo(viaWriter.toByteArray());
            }
        }
    }

    @Test
    void uidIsBAnd16HexDigitsOfTheId() {
        for (Detection d : detections(4, 200)) {
            assertThat(d.uid()).isEqualTo(uid(d)).matches("B[0-9a-f]{16}");
        }
    }
    @Test
    void alertLinesReadAsThePlainFormulation() {
        AlertLine line = new AlertLine();
        for (Detection d : detections(5, 3000)) {
            DetectedEvent e = d.event();
            assertThat(line.of(null, e).toString()).isEqualTo(plainAlert(null, e));
            assertThat(line.of(d.device(), e).toString()).isEqualTo(plainAlert(d.device(), e));
        }
    }

    /**
     * Detections as a capture gives them, a burst after another (what the writers keep from line to
     * line: a second's digits, a day's date, a device's, address's and label's runs), across a
     * second, midnight, a leap day, a year's end, 1970 and the last year of a long's nanoseconds;
     * the names change mid-run, some equal to an earlier one but another string object, and more
     * distinct names come than the writers keep.
     */
    private static List<Detection> runs(long seed) {
        Random r = new Random(seed);
        long[] starts = {Instant.parse("1969-12-31T23:59:58Z").getEpochSecond(), 0, Instant.parse("2024-02-28T23:59:59Z")
            .getEpochSecond(), Instant.parse("2025-12-31T23:59:59Z").getEpochSecond(), Instant.parse("2262-04-10T23:59:59Z")
            .getEpochSecond(), 1_767_225_600L};
        List<Detection> out = new ArrayList<>();
        for (long s : starts) {
            long t = s * 1_000_000_000L - r.nextInt(3) * 1_000_000L;
            for (int i = 0; i < 2500; i++) {
                t += switch (r.nextInt(4)) {
                    case 0 -> 0;
                    case 1 -> r.nextInt(1000) * 1_000_000L; // whole milliseconds: no fraction in an alert
                    case 2 -> r.nextInt(1_000_000_000);
                    default -> r.nextInt(100_000) * 1000L;
                };
                long end = t + r.nextInt(2_000_000_000);
                // a name as a new object now and then: found by its text, not its identity
                String device = i % 97 == 0 ? new String(NAMES[r.nextInt(2)]) : i % 2 == 0 ? "dev" + out.size()
                        : NAMES[r.nextInt(NAMES.length)];
                String event = r.nextBoolean() ? "on" : r.nextBoolean() ? new String("off") : NAMES[r.nextInt(NAMES.length)];
                if (event.isEmpty()) {
                    event = "other";
                }
                long first = t < 0 ? r.nextInt(100) : 1_000_000L * (i % 3) + i;
                DetectedEvent e = new DetectedEvent(t, end, first, first + r.nextInt(30), 1 + r.nextInt(30), event,
                        r.nextInt(3) == 0, r.nextInt(10) == 0 ? Double.POSITIVE_INFINITY : r.nextInt(2_000_000) / 1000.0);
                out.add(Detection.of(device, r.nextInt(5) == 0 ? "wan:" + device : "192.168.1." + r.nextInt(3),
                        r.nextInt(4) == 0 ? null : "203.0.113." + r.nextInt(4), e));
            }
        }
        return out;
    }

    @Test
    void linesOneAfterAnotherReadAsThePlainFormulation() throws Exception {
        List<Detection> ds = runs(7);
        assertThat(write(DetectionFormat.JSONL, ds)).isEqualTo(plainJson(ds));
        assertThat(write(DetectionFormat.CSV, ds)).isEqualTo(plainCsv(ds));
        assertThat(write(DetectionFormat.TABLE, ds)).isEqualTo(plainTable(ds));
        AlertLine line = new AlertLine();
        for (Detection d : ds) {
            assertThat(line.of(d.device(), d.event()).toString()).isEqualTo(plainAlert(d.device(), d.event()));
        }
        // in a charset of one byte a character, a line in it reads as the text encoded whole
        for (Charset cs : List.of(StandardCharsets.ISO_8859_1, StandardCharsets.US_ASCII)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DetectionSink sink = DetectionFormat.JSONL.open(bytes, cs);
            ByteArrayOutputStream alerts = new ByteArrayOutputStream();
            StringBuilder expectedAlerts = new StringBuilder();
            AlertLine encoded = new AlertLine(cs);
            for (Detection d : ds) {
                sink.accept(d);
                encoded.of(d.device(), d.event()).writeLineTo(alerts);
                expectedAlerts.append(plainAlert(d.device(), d.event())).append(System.lineSeparator());
            }
            sink.finish();
            assertThat(bytes.toByteArray()).as("JSON lines in " + cs).isEqualTo(plainJson(ds).getBytes(cs));
            assertThat(alerts.toByteArray()).as("alerts in " + cs).isEqualTo(expectedAlerts.toString().getBytes(cs));
        }
    }
}
