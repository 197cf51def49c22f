package org.iotevent.campaign;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The trials of a campaign in the order they run: every event {@code repetitions} times, in
 * round-robin or seeded random order. The same campaign always gives the same plan, so a resumed
 * campaign continues the plan it started.
 */
public final class CampaignPlan {
    /**
     * One trigger of one event.
     *
     * @param index position in the plan, from 0
     * @param event the event triggered
     * @param repetition which repetition of that event, from 1
     */
    public record Trial(int index, Campaign.EventSpec event, int repetition) {}

    private final Campaign campaign;
    private final List<Trial> trials;

    private CampaignPlan(Campaign campaign, List<Trial> trials) {
        this.campaign = campaign;
        this.trials = List.copyOf(trials);
    }

    /** The full plan of a campaign. */
    public static CampaignPlan of(Campaign campaign) {
        List<Campaign.EventSpec> slots = new ArrayList<>();
        for (int r = 0; r < campaign.repetitions(); r++) {
            slots.addAll(campaign.events());
        }
        if (campaign.order() == Campaign.Order.RANDOM) {
            Collections.shuffle(slots, new Random(campaign.seed()));
        }
        Map<String, Integer> reps = new HashMap<>();
        List<Trial> trials = new ArrayList<>(slots.size());
        for (Campaign.EventSpec e : slots) {
            trials.add(new Trial(trials.size(), e, reps.merge(e.name(), 1, Integer::sum)));
        }
        return new CampaignPlan(campaign, trials);
    }

    public Campaign campaign() {
        return campaign;
    }

    /** Every trial, in order. */
    public List<Trial> trials() {
        return trials;
    }

    /**
     * The trials still to run, given how many times each event was already logged as triggered:
     * trial r of event e is done when {@code r <= logged.get(e)}.
     */
    public List<Trial> remaining(Map<String, Integer> logged) {
        List<Trial> out = new ArrayList<>();
        for (Trial t : trials) {
            if (t.repetition() > logged.getOrDefault(t.event().name(), 0)) {
                out.add(t);
            }
        }
        return out;
    }

    /**
     * Wall time that {@code trialCount} trials take when none fails: the settle time, then one
     * interval per trial (the last one leaves the last event's traffic time to be captured).
     */
    public Duration duration(int trialCount) {
        return campaign.settle().plus(campaign.interval().multipliedBy(trialCount));
    }
}
