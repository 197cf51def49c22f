package org.iotevent.decode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.iotevent.capture.TestCaptures;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * The tshark 4.0 oracle of a capture of the test set (src/test/resources/captures), read per its README: custom-block
 * rows dropped and the rest renumbered, {@code |}-joined repeated fields cut to their first
 * (outermost) element, WTAP encapsulation numbers mapped to LINKTYPE values, and the IPv6 next
 * header chain followed to the upper-layer protocol.
 */
public final class Oracle {
    /** Wireshark WTAP_ENCAP numbers of frame.encap_type to LINKTYPE values. */
    private static final Map<String, String> WTAP_TO_LINKTYPE = Map.ofEntries(Map.entry("1", "1"),
            Map.entry("7", "101"), Map.entry("15", "0"), Map.entry("20", "105"), Map.entry("21", "119"),
            Map.entry("23", "127"), Map.entry("25", "113"), Map.entry("97", "192"), Map.entry("129", "228"),
            Map.entry("130", "229"), Map.entry("210", "276"));
    /** Protocol numbers of the frame.protocols names that can follow an AH header. */
    private static final Map<String, String> PROTOCOL_NUMBERS = Map.ofEntries(Map.entry("icmp", "1"),
            Map.entry("igmp", "2"), Map.entry("tcp", "6"), Map.entry("udp", "17"), Map.entry("icmpv6", "58"),
            Map.entry("ospf", "89"), Map.entry("ipv6", "41"), Map.entry("ip", "4"), Map.entry("ah", "51"),
            Map.entry("ipv6.hopopts", "0"), Map.entry("ipv6.routing", "43"), Map.entry("ipv6.fraghdr", "44"),
            Map.entry("ipv6.dstopts", "60"));

    /** One oracle row: column name to raw cell. */
    public record Row(Map<String, String> cells) {
        /** The raw cell, "" when empty. */
        public String raw(String column) {
            String v = cells.get(column);
            if (v == null) {
                throw new IllegalArgumentException("no oracle column " + column);
            }
            return v;
        }

        /** The first (outermost) element of a repeated field. */
        public String first(String column) {
            String v = raw(column);
            int bar = v.indexOf('|');
            return bar < 0 ? v : v.substring(0, bar);
        }

        /** The i-th element of a repeated field, or "" when it has fewer. */
        String element(String column, int i) {
            String[] parts = raw(column).split("\\|", -1);
            return i < parts.length ? parts[i] : "";
        }

        public List<String> protocols() {
            return Arrays.asList(raw("frame.protocols").split(":"));
        }

        /** "ip", "ipv6" or "" : the first network layer in frame.protocols. */
        public String network() {
            for (String p : protocols()) {
                if (p.equals("ip") || p.equals("ipv6")) {
                    return p;
                }
            }
            return "";
        }

        /**
         * What {@code iotevent inspect} must print in each column the oracle determines (every
         * column but ip_len and status).
         */
        public Map<String, String> expectedInspect(int frame) {
            Map<String, String> e = new LinkedHashMap<>();
            e.put("frame", String.valueOf(frame));
            e.put("time_epoch", raw("frame.time_epoch"));
            e.put("wire_len", raw("frame.len"));
            e.put("cap_len", raw("frame.cap_len"));
            e.put("interface", raw("frame.interface_id"));
            e.put("link_type", WTAP_TO_LINKTYPE.getOrDefault(raw("frame.encap_type"), "?" + raw("frame.encap_type")));
            e.put("link_src", firstNonEmpty(first("eth.src"), first("sll.src.eth"), first("wlan.sa")));
            e.put("link_dst", firstNonEmpty(first("eth.dst"), first("wlan.da")));
            e.put("wlan_ta", first("wlan.ta"));
            e.put("wlan_ra", first("wlan.ra"));
            e.put("wlan_bssid", first("wlan.bssid"));
            e.put("wlan_type_subtype", first("wlan.fc.type_subtype"));
            e.put("protected", first("wlan.fc.protected"));
            String net = network();
            e.put("ip_src", net.equals("ip") ? first("ip.src") : net.equals("ipv6") ? first("ipv6.src") : "");
            e.put("ip_dst", net.equals("ip") ? first("ip.dst") : net.equals("ipv6") ? first("ipv6.dst") : "");
            e.put("ip_proto", upperLayerProtocol());
            String transport = transport();
            e.put("src_port", transport.isEmpty() ? "" : first(transport + ".srcport"));
            e.put("dst_port", transport.isEmpty() ? "" : first(transport + ".dstport"));
            return e;
        }

        /** The final protocol after the outer IP header and its IPv6 extension headers. */
        String upperLayerProtocol() {
            String net = network();
            if (net.equals("ip")) {
                return first("ip.proto");
            }
            if (!net.equals("ipv6")) {
                return "";
            }
            Map<String, Integer> used = new HashMap<>();
            String next = first("ipv6.nxt");
            int afterAh = 0;
            for (int guard = 0; guard < 32; guard++) {
                if (next.equals("51")) {
                    next = afterAuthenticationHeader(afterAh++);
                    continue;
                }
                String column = switch (next) {
                    case "0" -> "ipv6.hopopts.nxt";
                    case "43" -> "ipv6.routing.nxt";
                    case "44" -> "ipv6.fraghdr.nxt";
                    case "60" -> "ipv6.dstopts.nxt";
                    default -> null;
                };
                if (column == null) {
                    return next;
                }
                int i = used.merge(column, 1, Integer::sum) - 1;
                String after = element(column, i);
                if (after.isEmpty()) {
                    return next;
                }
                if (next.equals("44") && !element("ipv6.fraghdr.offset", i).equals("0")) {
                    return after;
                }
                next = after;
            }
            return next;
        }

        /**
         * The protocol after the n-th AH header, which has no next-header column: the name that
         * follows "ah" in frame.protocols.
         */
        private String afterAuthenticationHeader(int n) {
            List<String> p = protocols();
            int seen = -1;
            for (int i = 0; i < p.size(); i++) {
                if (p.get(i).equals("ah") && ++seen == n) {
                    return i + 1 < p.size() ? PROTOCOL_NUMBERS.getOrDefault(p.get(i + 1), "?") : "51";
                }
            }
            return "51";
        }

        /**
         * "tcp" or "udp" when tshark decoded that header right after the outer IP layer (and its
         * extension headers), else "" (ICMP errors quote inner headers, which are not ports of
         * this packet).
         */
        public String transport() {
            List<String> p = protocols();
            String net = network();
            if (net.isEmpty()) {
                return "";
            }
            for (int i = p.indexOf(net) + 1; i < p.size(); i++) {
                String name = p.get(i);
                if (name.startsWith("ipv6.") || name.equals("ah")) {
                    continue;
                }
                return name.equals("tcp") || name.equals("udp") ? name : "";
            }
            return "";
        }

        public boolean whole() {
            return raw("frame.len").equals(raw("frame.cap_len"));
        }

        public boolean malformed() {
            return raw("_ws.malformed").equals("1");
        }
    }

    private final List<Row> rows;
    private final List<String> error;

    private Oracle(List<Row> rows, List<String> error) {
        this.rows = rows;
        this.error = error;
    }

    /** The oracle's packet rows (custom-block rows dropped), in order. */
    public List<Row> rows() {
        return rows;
    }

    /** The lines of X.oracle.err, or an empty list when tshark read the file cleanly. */
    public List<String> error() {
        return error;
    }

    /** The number of frames tshark delivered before its error (the .oracle.err second line). */
    public int framesBeforeError() {
        return Integer.parseInt(error.get(1).replaceAll("\\D", ""));
    }

    /** One dynamic test per capture of the test set ({@link TestCaptures}), named after the file. */
    public static Stream<DynamicTest> testEach(ThrowingConsumer<Path> check) {
        return TestCaptures.eachCapture(check);
    }

    public static Oracle of(Path capture) throws IOException {
        List<String> lines = Files.readAllLines(capture.resolveSibling(capture.getFileName() + ".oracle.tsv"));
        String[] header = lines.get(0).split("\t", -1);
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split("\t", -1);
            Map<String, String> map = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                map.put(header[i], i < cells.length ? cells[i] : "");
            }
            if (map.get("frame.cb_pen").isEmpty()) {
                rows.add(new Row(map));
            }
        }
        Path err = capture.resolveSibling(capture.getFileName() + ".oracle.err");
        return new Oracle(rows, Files.exists(err) ? Files.readAllLines(err) : List.of());
    }

    private static String firstNonEmpty(String... values) {
        for (String v : values) {
            if (!v.isEmpty()) {
                return v;
            }
        }
        return "";
    }
}
