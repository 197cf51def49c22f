package org.iotevent.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.iotevent.FuzzFiles;

/**
 * Coverage-guided fuzzing of the event-log reader: any file gives events sorted by time, each
 * from a line of the file, or one {@link EventLogException} that names the file and, for a fault
 * in a line, a line of the file. Regression mode replays {@code EventLogReaderFuzzTestInputs/};
 * {@code bench/fuzz.sh} fuzzes.
 */
class EventLogReaderFuzzTest {
    private static final Path FILE = FuzzFiles.tempFile(".csv");
    private static final Pattern LINE = Pattern.compile(Pattern.quote(FILE.toString()) + " line (\\d+): .+", Pattern.DOTALL);

    @FuzzTest(maxDuration = "5m")
    void anyFileGivesSortedEventsOrNamesTheLine(byte[] log) throws IOException {
        Files.write(FILE, log);
        long lines = FuzzFiles.lineCount(log);
        List<Event> events;
        try {
            events = EventLogReader.read(FILE);
        } catch (EventLogException e) {
            assertThat(e.getMessage()).startsWith(FILE + "");
            Matcher m = LINE.matcher(e.getMessage());
            if (m.matches()) {
                assertThat(Long.parseLong(m.group(1))).isBetween(1L, lines);
            }
            return;
        }
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).line()).isBetween(1, (int) lines);
            assertThat(events.get(i).name()).isNotBlank();
            if (i > 0) {
                assertThat(events.get(i).timeNanos()).isGreaterThanOrEqualTo(events.get(i - 1).timeNanos());
            }
        }
    }
}
