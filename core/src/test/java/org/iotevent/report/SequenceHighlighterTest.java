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
    void representativeIsTheSampleClosestToTheOthers() {
        List<int[]> on = new ArrayList<>();
        on.add(new int[] {-100, 200});
        on.add(new int[] {-110, 200});
        on.add(new int[] {-300, 200});
        var h = SequenceHighlighter.highlight(Map.of("on", on));
        assertThat(h.get("on").representative()).containsExactly(-110, 200);
    }

    @Test
    void theExchangeATriggerCausesOutweighsStrayShortBursts() {
        // the real TP-Link capture with a = 1 s: as many one-packet bursts in the pairing window as exchanges
        List<int[]> on = new ArrayList<>();
        on.add(new int[] {52});
        on.add(new int[] {52});
        on.add(new int[] {-60});
        on.add(new int[] {-235, 139, -583, 1213, -91, 52});
        on.add(new int[] {-235, 139, -587, 1213, -91, 52});
        Map<String, List<int[]>> samples = new LinkedHashMap<>();
        samples.put("on", on);
        samples.put("off", List.of(new int[] {-235, 139, -571, 1181, -91, 52}));
        samples.put("other", List.of(new int[] {52}, new int[] {-91, 52}));
        var h = SequenceHighlighter.highlight(samples);
        assertThat(h.get("on").representative()).hasSize(6);
        assertThat(h.get("on").distinguishing()).containsExactly(false, false, true, true, false, false);
    }

    @Test
    void packetsAreComparedInTheirPlaceInTheExchangeNotByIndex() {
        Map<String, List<int[]>> samples = new LinkedHashMap<>();
        samples.put("on", List.<int[]>of(new int[] {-235, 139, -583}));
        // off lost its first packet: by index its 139 would face on's -235
        samples.put("off", List.<int[]>of(new int[] {139, -571}));
        assertThat(SequenceHighlighter.highlight(samples).get("on").distinguishing()).containsExactly(true, false, true);
        assertThat(SequenceHighlighter.highlight(samples).get("off").distinguishing()).containsExactly(false, true);
    }

    @Test
    void noPacketTellsApartEventsThatShareTheirExchange() {
        Map<String, List<int[]>> samples = new LinkedHashMap<>();
        samples.put("brightness", List.<int[]>of(new int[] {-300, 120}, new int[] {-310, 120}));
        samples.put("colour", List.<int[]>of(new int[] {-310, 120}, new int[] {-302, 120}));
        var h = SequenceHighlighter.highlight(samples);
        assertThat(h.get("brightness").keys()).isZero();
        assertThat(h.get("colour").keys()).isZero();
    }
}
