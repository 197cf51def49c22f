package org.iotevent.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogTest {
    @Test
    void writesHeaderThenOneLinePerEvent(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("events.csv");
        try (EventLog log = EventLog.open(f)) {
            log.append(Instant.ofEpochSecond(1_700_000_000L, 123_456_789), "on");
        }
        try (EventLog log = EventLog.open(f)) {
            log.append(Instant.ofEpochSecond(1_700_000_001L, 5_000), "off");
        }
        assertThat(Files.readString(f)).isEqualTo("timestamp,event\n1700000000.123456,on\n1700000001.000005,off\n");
        assertThat(EventLog.counts(f)).containsExactly(java.util.Map.entry("on", 1), java.util.Map.entry("off", 1));
    }

    @Test
    void aLineCutByACrashIsDroppedAndNotCounted(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("events.csv");
        Files.writeString(f, "timestamp,event\n1700000000.000001,on\n1700000010.0000");
        assertThat(EventLog.dropTornTail(f)).isTrue();
        assertThat(Files.readString(f)).isEqualTo("timestamp,event\n1700000000.000001,on\n");
        assertThat(EventLog.dropTornTail(f)).isFalse();
        assertThat(EventLog.counts(f)).containsExactly(java.util.Map.entry("on", 1));
    }

    @Test
    void aDamagedLineIsReportedWithItsNumber(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("events.csv");
        Files.writeString(f, "timestamp,event\n1700000000.000001,on\nhello\n");
        assertThatThrownBy(() -> EventLog.counts(f)).isInstanceOf(CampaignFormatException.class)
                .hasMessageContaining("events.csv: line 3: expected timestamp,event, found 'hello'");
    }
}
