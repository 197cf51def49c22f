package org.iotevent.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SequenceHighlighterTest {
    @Test
    void highlightsOnlyThePacketsNoOtherLabelShowsInTheirPlace() {
        Map<String, List<int[]>> samples = new LinkedHashMap<>();
        samples.put("on", List.of(new int[] {-235, 139, -583}, new int[] {-235, 139, -587}));
        samples.put("off", List.of(new int[] {-235, 139, -571}, new int[] {-235, 139, -571}));
        samples.put("other", List.of(new int[] {-91, 52}));
        var h = SequenceHighlighter.highlight(samples);
        assertThat(h.get("on").distinguishing()).containsExactly(false, false, true);
        assertThat(h.get("off").distinguishing()).containsExactly(false, false, true);
        assertThat(h.get("other").distinguishing()).containsExactly(true, true);
        assertThat(h.get("on").countUnique()).isFalse();
        assertThat(h.get("other").countUnique()).isTrue();
    }

    @Test
    void aRangeOverlappingAnotherEventsLengthIsNotDistinguishing() {
        Map<String, List<int[]>> samples = new LinkedHashMap<>();
        samples.put("on", List.of(new int[] {-500}, new int[] {-520}));
        samples.put("off", List.of(new int[] {-510}));
        assertThat(SequenceHighlighter.highlight(samples).get("on").distinguishing()).containsExactly(false);
        assertThat(SequenceHighlighter.highlight(samples).get("off").distinguishing()).containsExactly(true);
    }

    @Test
    void theOppositeDirectionIsADifferentPacket() {
        Map<String, List<int[]>> samples = new LinkedHashMap<>();
        samples.put("on", List.<int[]>of(new int[] {100}));
        samples.put("off", List.<int[]>of(new int[] {-100}));
        assertThat(SequenceHighlighter.highlight(samples).get("on").distinguishing()).containsExactly(true);
    }

    @Test
    void representativeIsTheMedoidOfTheCommonestPacketCount() {
        List<int[]> on = new ArrayList<>();
        on.add(new int[] {-100, 200});
        on.add(new int[] {-110, 200});
        on.add(new int[] {-300, 200});
        on.add(new int[] {-100, 200, 50});
        var h = SequenceHighlighter.highlight(Map.of("on", on));
        assertThat(h.get("on").representative()).containsExactly(-110, 200);
    }
}
