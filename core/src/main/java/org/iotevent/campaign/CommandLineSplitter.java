package org.iotevent.campaign;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a trigger command line into words the way a POSIX shell would for plain words, single
 * quotes, double quotes and backslash escapes; nothing else (no variables, pipes or globs: write
 * {@code sh -c '...'} for those).
 */
final class CommandLineSplitter {
    private CommandLineSplitter() {}

    /**
     * @throws IllegalArgumentException for an unterminated quote, a trailing backslash or no words
     */
    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated single quote at character " + (i + 1));
                }
                w.append(line, i + 1, end);
                i = end;
                inWord = true;
            } else if (c == '"') {
                int start = i;
                for (i++; i < line.length() && line.charAt(i) != '"'; i++) {
                    char d = line.charAt(i);
                    if (d == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                        d = line.charAt(++i);
                    }
                    w.append(d);
                }
                if (i == line.length()) {
                    throw new IllegalArgumentException("unterminated double quote at character " + (start + 1));
                }
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 == line.length()) {
                    throw new IllegalArgumentException("trailing backslash");
                }
                w.append(line.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(w.toString());
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("expected a command line or 'manual'");
        }
        return words;
    }
}
