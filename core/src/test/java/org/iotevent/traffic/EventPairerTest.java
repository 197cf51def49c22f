package org.iotevent.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EventPairerTest {
    static final long S = 1_000_000_000L;

    static Burst burstAt(long startNanos) {
        return new Burst(startNanos, startNanos, 1, 1, new int[] {100});
    }

    @Test
    void pairsBurstsStartingWithinBAfterTheEvent() {
        List<Event> events = List.of(new Event(100 * S, "ON", 2), new Event(200 * S, "OFF", 3));
        EventPairer pairer = new EventPairer(events, 5 * S);
        assertThat(pairer.pair(burstAt(99 * S)).label()).as("before the event").isEqualTo(EventPairer.OTHER);
        assertThat(pairer.pair(burstAt(100 * S)).label()).isEqualTo("ON");
        assertThat(pairer.pair(burstAt(105 * S)).label()).as("at b, inclusive").isEqualTo("ON");
        assertThat(pairer.pair(burstAt(105 * S + 1)).label()).isEqualTo(EventPairer.OTHER);
        assertThat(pairer.unpairedEvents()).extracting(Event::name).containsExactly("OFF");
    }

    @Test
    void overlappingWindowsGoToTheLatestEvent() {
        List<Event> events = List.of(new Event(100 * S, "ON", 2), new Event(102 * S, "OFF", 3));
        EventPairer pairer = new EventPairer(events, 5 * S);
        assertThat(pairer.pair(burstAt(103 * S)).label()).isEqualTo("OFF");
        assertThat(pairer.pair(burstAt(101 * S)).label()).isEqualTo("ON");
    }

    @Test
    void countsEventsOutsideTheCapture() {
        List<Event> events = List.of(new Event(1 * S, "A", 2), new Event(5 * S, "B", 3), new Event(9 * S, "C", 4));
        assertThat(EventPairer.countOutside(events, 2 * S, 8 * S)).isEqualTo(2);
    }
}
