package org.iotevent.evaluate;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.iotevent.signature.LabeledSample;

/**
 * Reads the paper authors' published sequence files (GitHub yangting111/IoTEvents): packet rows
 * {@code \t<epoch s>\t<1/dt>\t<dir>\t<frame length>[\t]}, {@code dir} 1 device to cloud and 0 cloud
 * to device, closed by a label line (any line not starting with a TAB). Frame lengths are Ethernet
 * frame lengths and become IP-layer lengths by subtracting {@value #ETHERNET_HEADER}; the sign
 * follows this tool's convention, + towards the device (the authors' script uses the opposite sign,
 * which Euclidean distance does not see). Rows after the last label are not a sample.
 */
public final class IoTEventsReader {
    /** Bytes of the Ethernet header in the files' frame lengths. */
    public static final int ETHERNET_HEADER = 14;

    /**
     * What a file holds.
     *
     * @param samples the labelled sequences in file order
     * @param unlabelledRows packet rows after the last label line
     */
    public record Contents(List<LabeledSample> samples, int unlabelledRows) {
        public Contents {
            samples = List.copyOf(samples);
        }
    }

    private IoTEventsReader() {}

    /**
     * Reads a file.
     *
     * @throws SequenceFormatException naming the file and line of a malformed row
     */
    public static Contents read(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            return read(in, file.toString());
        }
    }

    /** Reads from {@code in}; {@code name} names it in messages. */
    public static Contents read(BufferedReader in, String name) throws IOException {
        List<LabeledSample> samples = new ArrayList<>();
        List<Integer> rows = new ArrayList<>();
        int lineNumber = 0;
        for (String line; (line = in.readLine()) != null; ) {
            lineNumber++;
            if (line.startsWith("\t")) {
                rows.add(row(line, name, lineNumber));
                continue;
            }
            String label = line.strip();
            if (label.isEmpty()) {
                continue;
            }
            if (rows.isEmpty()) {
                throw new SequenceFormatException(name + " line " + lineNumber + ": label '" + label
                        + "' closes no packet rows (expected TAB-led rows before each label)");
            }
            samples.add(new LabeledSample(label, rows.stream().mapToInt(Integer::intValue).toArray()));
            rows.clear();
        }
        return new Contents(samples, rows.size());
    }

    private static int row(String line, String name, int lineNumber) throws SequenceFormatException {
        String[] f = line.strip().split("\t");
        if (f.length != 4) {
            throw new SequenceFormatException(name + " line " + lineNumber
                    + ": expected 4 TAB-separated fields 'epoch, 1/dt, dir, frame length', found " + f.length);
        }
        int dir;
        int frameLength;
        try {
            Double.parseDouble(f[0]);
            dir = Integer.parseInt(f[2].strip());
            frameLength = Integer.parseInt(f[3].strip());
        } catch (NumberFormatException e) {
            throw new SequenceFormatException(name + " line " + lineNumber + ": expected numbers, found '" + line.strip() + "'");
        }
        if (dir != 0 && dir != 1) {
            throw new SequenceFormatException(name + " line " + lineNumber + ": direction must be 0 or 1, found " + dir);
        }
        if (frameLength <= ETHERNET_HEADER || frameLength > 65_535 + ETHERNET_HEADER) {
            throw new SequenceFormatException(name + " line " + lineNumber + ": frame length must lie in ("
                    + ETHERNET_HEADER + ", " + (65_535 + ETHERNET_HEADER) + "], found " + frameLength);
        }
        int ipLength = frameLength - ETHERNET_HEADER;
        return dir == 1 ? -ipLength : ipLength;
    }
}
