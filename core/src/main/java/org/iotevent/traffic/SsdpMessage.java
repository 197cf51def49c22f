package org.iotevent.traffic;

import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * What an SSDP message (UPnP Device Architecture 2.0 section 1; UDP port 1900) announces: the
 * SERVER header (operating system, UPnP version, product) and the device or service type (NT or
 * ST) with its USN. Only NOTIFY and search responses announce a device; M-SEARCH queries give null.
 *
 * @param server the SERVER header, or null
 * @param type the NT or ST header, or null
 * @param usn the USN header, or null
 */
public record SsdpMessage(String server, String type, String usn) {
    private static final int MAX_BYTES = 4096;

    /** The announcement in the UDP payload at {@code offset}, or null. */
    public static SsdpMessage parse(ByteBuffer buf, int offset, int length) {
        int n = Math.min(Math.min(length, MAX_BYTES), buf.limit() - offset);
        if (n <= 0) {
            return null;
        }
        byte[] bytes = new byte[n];
        buf.get(offset, bytes);
        String[] lines = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).split("\r?\n");
        if (lines.length == 0) {
            return null; // line breaks only
        }
        String first = lines[0].toUpperCase(Locale.ROOT);
        if (!first.startsWith("NOTIFY ") && !first.startsWith("HTTP/1.1 200")) {
            return null;
        }
        String server = null;
        String type = null;
        String usn = null;
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).strip().toUpperCase(Locale.ROOT);
            String value = Text.printable(line.substring(colon + 1));
            switch (name) {
                case "SERVER" -> server = value;
                case "NT", "ST" -> type = value;
                case "USN" -> usn = value;
                default -> { }
            }
        }
        return server == null && type == null && usn == null ? null : new SsdpMessage(server, type, usn);
    }
}
