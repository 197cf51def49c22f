package org.iotevent.traffic;

import java.nio.ByteBuffer;

/** Text taken from packets, made safe to print: printable ASCII only. */
final class Text {
    private Text() {}

    /** The bytes as text with every byte outside printable ASCII as {@code ?}, trimmed; null when empty. */
    static String printable(ByteBuffer buf, int from, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int c = buf.get(from + i) & 0xFF;
            if (c == 0 && i == length - 1) {
                break; // a C string's terminator
            }
            sb.append(c >= 0x20 && c < 0x7F ? (char) c : '?');
        }
        String s = sb.toString().strip();
        return s.isEmpty() ? null : s;
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
