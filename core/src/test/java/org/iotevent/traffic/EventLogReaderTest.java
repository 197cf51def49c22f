package org.iotevent.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventLogReaderTest {
    static List<Event> read(String text) throws Exception {
        return EventLogReader.read(new BufferedReader(new StringReader(text)), "events.csv");
    }

    @Test
    void readsEpochAndIsoTimesSortedByTime() throws Exception {
        List<Event> events = read("timestamp,event\n1518557943.5,OFF\n# a comment\n\n2018-02-13T21:38:04Z,\"ON\"\n");
        assertThat(events).extracting(Event::name).containsExactly("ON", "OFF");
        assertThat(events.get(0).timeNanos()).isEqualTo(1_518_557_884_000_000_000L);
        assertThat(events.get(1).timeNanos()).isEqualTo(1_518_557_943_500_000_000L);
        assertThat(events.get(1).line()).isEqualTo(2);
    }

    @Test
    void nanosecondFractionsAreExact() throws Exception {
        assertThat(read("timestamp,event\n1518557884.123456789,ON\n").get(0).timeNanos())
                .isEqualTo(1_518_557_884_123_456_789L);
    }

    @Test
    void malformedLineIsNamed() {
        assertThatThrownBy(() -> read("timestamp,event\n1518557884,ON\nyesterday,OFF\n"))
                .isInstanceOf(EventLogException.class)
                .hasMessageContaining("events.csv line 3")
                .hasMessageContaining("'yesterday'");
        assertThatThrownBy(() -> read("timestamp,event\n1518557884,ON,extra\n"))
                .hasMessageContaining("line 2").hasMessageContaining("2 fields");
        assertThatThrownBy(() -> read("timestamp,event\n1518557884,\n")).hasMessageContaining("line 2");
        assertThatThrownBy(() -> read("timestamp,event\n2018-02-13T21:38:04,ON\n"))
                .hasMessageContaining("with a zone");
        assertThatThrownBy(() -> read("timestamp,event\n1518557884,other\n")).hasMessageContaining("reserved");
    }

    @Test
    void reservedNamesAreRefusedWithFileAndLine() {
        for (String reserved : List.of("other", "unknown")) {
            assertThatThrownBy(() -> read("timestamp,event\n1518557884,ON\n1518557890," + reserved + "\n"))
                    .isInstanceOf(EventLogException.class)
                    .hasMessageStartingWith("events.csv line 3")
                    .hasMessageContaining("'" + reserved + "' is reserved");
        }
        assertThat(EventLogReader.UNKNOWN).isEqualTo(org.iotevent.signature.AlignmentClassifier.UNKNOWN);
    }

    @Test
    void duplicateRowsAreDroppedAndReported() throws Exception {
        String once = "1518557884,ON\n1518557943,OFF\n1518557943,ON\n";
        EventLogReader.Log log = EventLogReader.readLog(
                new BufferedReader(new StringReader("timestamp,event\n" + once + once)), "events.csv");
        assertThat(log.events()).extracting(Event::name).containsExactly("ON", "OFF", "ON");
        assertThat(log.events()).extracting(Event::line).containsExactly(2, 3, 4);
        assertThat(log.duplicates()).extracting(Event::line).containsExactly(5, 6, 7);
    }

    @Test
    void missingHeaderIsNamed() {
        assertThatThrownBy(() -> read("1518557884,ON\n"))
                .hasMessageContaining("line 1").hasMessageContaining("header 'timestamp,event'");
        assertThatThrownBy(() -> read("")).hasMessageContaining("empty");
    }
}
