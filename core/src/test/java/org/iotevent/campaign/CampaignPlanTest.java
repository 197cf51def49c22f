package org.iotevent.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CampaignPlanTest {
    static Campaign campaign(String order, long seed, int reps) throws Exception {
        return CampaignFile.parse("""
                device: {address: 10.0.0.5}
                interface: eth0
                order: %s
                seed: %d
                repetitions: %d
                interval: 10s
                settle: 3s
                events: [{name: a, trigger: x}, {name: b, trigger: y}, {name: c, trigger: z}]
                """.formatted(order, seed, reps), "c.yaml", "c");
    }

    static List<String> names(List<CampaignPlan.Trial> trials) {
        return trials.stream().map(t -> t.event().name() + t.repetition()).toList();
    }

    @Test
    void roundRobinTriggersEveryEventInTurn() throws Exception {
        CampaignPlan p = CampaignPlan.of(campaign("round-robin", 1, 2));
        assertThat(names(p.trials())).containsExactly("a1", "b1", "c1", "a2", "b2", "c2");
        assertThat(p.duration(6)).isEqualTo(Duration.ofSeconds(63));
    }

    @Test
    void randomOrderIsSeededAndComplete() throws Exception {
        List<String> one = names(CampaignPlan.of(campaign("random", 7, 20)).trials());
        assertThat(names(CampaignPlan.of(campaign("random", 7, 20)).trials())).isEqualTo(one);
        assertThat(names(CampaignPlan.of(campaign("random", 8, 20)).trials())).isNotEqualTo(one);
        assertThat(names(CampaignPlan.of(campaign("round-robin", 7, 20)).trials())).isNotEqualTo(one);
        Map<Character, Long> perEvent = one.stream().collect(Collectors.groupingBy(s -> s.charAt(0), Collectors.counting()));
        assertThat(perEvent).containsOnly(Map.entry('a', 20L), Map.entry('b', 20L), Map.entry('c', 20L));
        CampaignPlan p = CampaignPlan.of(campaign("random", 7, 20));
        for (int i = 0; i < p.trials().size(); i++) {
            assertThat(p.trials().get(i).index()).isEqualTo(i);
        }
    }

    @Test
    void remainingSkipsWhatTheLogHolds() throws Exception {
        CampaignPlan p = CampaignPlan.of(campaign("round-robin", 1, 3));
        assertThat(names(p.remaining(Map.of("a", 2, "b", 3)))).containsExactly("c1", "c2", "a3", "c3");
        assertThat(p.remaining(Map.of("a", 3, "b", 3, "c", 3))).isEmpty();
    }
}
