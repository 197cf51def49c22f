package org.iotevent.traffic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The IEEE registry of MAC address blocks and their owners, as the IEEE publishes it in CSV
 * ({@code Registry,Assignment,Organization Name,Organization Address}; Debian's ieee-data package
 * installs it as {@code /usr/share/ieee-data/oui.csv}, with {@code mam.csv} and {@code oui36.csv}
 * for the smaller blocks). MA-L assignments are 24-bit prefixes, MA-M 28-bit, MA-S and IAB
 * 36-bit; a lookup takes the longest prefix that matches.
 */
public final class OuiRegistry {
    /** Where Debian's ieee-data package puts the MA-L registry. */
    public static final Path DEBIAN_OUI = Path.of("/usr/share/ieee-data/oui.csv");

    /** Owners by prefix, per prefix length in hex digits (6, 7, 9). */
    private final Map<Integer, Map<Long, String>> byDigits = new HashMap<>();

    private OuiRegistry() {}

    /** A registry that knows no block. */
    public static OuiRegistry empty() {
        return new OuiRegistry();
    }

    /**
     * Reads the registries in {@code files}.
     *
     * @throws IOException when a file cannot be read, or names the line that is not a registry row
     */
    public static OuiRegistry read(List<Path> files) throws IOException {
        OuiRegistry r = new OuiRegistry();
        for (Path f : files) {
            String text;
            try {
                text = Files.readString(f, StandardCharsets.UTF_8);
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new IOException(f + ": not UTF-8 text, as the IEEE registry's CSV is");
            }
            int[] at = {0};
            int number = 0;
            int nextLine = 1;
            while (at[0] < text.length()) {
                int line = nextLine;
                int from = at[0];
                List<String> cells = csvRow(text, at);
                nextLine += newlines(text, from, Math.min(at[0], text.length()));
                number++;
                if (number == 1 && !cells.isEmpty() && cells.get(0).equals("Registry")) {
                    continue;
                }
                if (cells.size() == 1 && cells.get(0).isBlank()) {
                    continue;
                }
                String digits = cells.size() >= 3 ? cells.get(1).strip() : "";
                if (!digits.matches("[0-9A-Fa-f]{6}|[0-9A-Fa-f]{7}|[0-9A-Fa-f]{9}")) {
                    throw new IOException(f + " line " + line + ": expected Registry,Assignment,Organization Name,... "
                            + "with a 6, 7 or 9 hex digit assignment, found: " + abbreviate(String.join(",", cells)));
                }
                String owner = Text.printable(cells.get(2));
                r.byDigits.computeIfAbsent(digits.length(), k -> new HashMap<>())
                        .put(Long.parseLong(digits, 16), owner == null ? "?" : owner);
            }
        }
        return r;
    }

    /** The owner of {@code mac}'s block, or null when the registry has none (or the address is locally administered). */
    public String owner(long mac) {
        for (int digits : new int[] {9, 7, 6}) {
            Map<Long, String> m = byDigits.get(digits);
            if (m != null) {
                String owner = m.get(mac >>> (48 - 4 * digits));
                if (owner != null) {
                    return owner;
                }
            }
        }
        return null;
    }

    /** True when {@code mac} is locally administered (bit 1 of its first byte): a random or virtual address. */
    public static boolean locallyAdministered(long mac) {
        return (mac & 0x0200_0000_0000L) != 0;
    }

    /** Number of blocks known. */
    public int size() {
        return byDigits.values().stream().mapToInt(Map::size).sum();
    }

    /**
     * The cells of the CSV row (RFC 4180: quoted cells may hold commas, quotes and line breaks) at
     * {@code at[0]}, which moves past the row's end.
     */
    static List<String> csvRow(String text, int[] at) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        int i = at[0];
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n') {
                break;
            } else if (c != '\r') {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        at[0] = i + 1;
        return cells;
    }

    private static int newlines(String text, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n += text.charAt(i) == '\n' ? 1 : 0;
        }
        return n;
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
