package org.iotevent.campaign;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The campaign's event log, {@code timestamp,event} (epoch seconds with microseconds), written
 * as it goes: each line is synced to disk before the next trial starts. The log is also the
 * campaign's record of what is done: {@link #counts} tells {@code --resume} how many repetitions
 * of each event were triggered.
 */
public final class EventLog implements Closeable {
    /** The header line. */
    public static final String HEADER = "timestamp,event";

    private final SyncedAppender out;

    private EventLog(SyncedAppender out) {
        this.out = out;
    }

    /**
     * Opens a log for appending, creating it with its header when absent or empty. Call
     * {@link #dropTornTail} first on a log that a crash may have cut.
     */
    public static EventLog open(Path file) throws IOException {
        EventLog log = new EventLog(new SyncedAppender(file));
        if (Files.size(file) == 0) {
            log.out.appendLine(HEADER);
        }
        return log;
    }

    /**
     * Removes an unterminated last line, cut short by a crash: its event was never reported as
     * triggered.
     *
     * @return true when one was removed
     */
    public static boolean dropTornTail(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        int end = all.length;
        while (end > 0 && all[end - 1] != '\n') {
            end--;
        }
        if (end == all.length) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(end);
            ch.force(true);
        }
        return true;
    }

    /** Appends one triggered event and syncs it. */
    public void append(Instant at, String event) throws IOException {
        out.appendLine(formatTimestamp(at) + "," + event);
    }

    /** Epoch seconds with six decimals, as the event log writes them. */
    public static String formatTimestamp(Instant at) {
        return at.getEpochSecond() + "." + String.format("%06d", at.getNano() / 1000);
    }

    /**
     * How many times each event appears in a log, in order of first appearance.
     *
     * @throws CampaignFormatException naming the file and line when a line is not
     *     {@code timestamp,event}
     */
    public static Map<String, Integer> counts(Path file) throws IOException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return counts;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (i == 0 && line.equals(HEADER)) {
                continue;
            }
            int comma = line.indexOf(',');
            if (comma < 1 || !line.substring(0, comma).matches("\\d+(\\.\\d+)?")) {
                throw new CampaignFormatException(file + ": line " + (i + 1) + ": expected timestamp,event, found '"
                        + line + "'");
            }
            counts.merge(line.substring(comma + 1), 1, Integer::sum);
        }
        return counts;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
