package org.iotevent.traffic;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Text taken from packets, made safe to print: printable ASCII only. */
final class Text {
    private Text() {}

    /**
     * The bytes as text with every byte outside printable ASCII as {@code ?}, trimmed; null when
     * empty. A final NUL (a C string's terminator) is left out.
     */
    static String printable(ByteBuffer buf, int from, int length) {
        int n = length > 0 && buf.get(from + length - 1) == 0 ? length - 1 : length;
        byte[] bytes = new byte[n];
        buf.get(from, bytes);
        // ISO-8859-1 maps each byte to the character of that value, which printable(String) then judges
        return printable(new String(bytes, StandardCharsets.ISO_8859_1));
    }

    /** {@code s} with every character outside printable ASCII as {@code ?}, trimmed; null when empty. */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        String out = sb.toString().strip();
        return out.isEmpty() ? null : out;
    }
}
