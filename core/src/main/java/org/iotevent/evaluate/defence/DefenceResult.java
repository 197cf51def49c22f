package org.iotevent.evaluate.defence;

import java.util.Objects;

/**
 * The attack against one defence at one setting, and what the defence costs.
 *
 * @param defence the defence's name, e.g. {@code block-padding}; {@code none} for the baseline
 * @param setting its parameter, e.g. {@code 64 B}; empty when it has none
 * @param accuracy formula (4) accuracy of the retrained attack on the defended bursts, in [0, 1];
 *     NaN when no label had the two bursts a split needs
 * @param eventsRead what the attack reads, as train's headline: the mean over the events of the
 *     share of their bursts labelled with the right event, in [0, 1]; NaN when there were none
 * @param falseAlarmRate share of the device's own bursts the attack labels as an event, in [0, 1];
 *     NaN when there were none or the file predates it
 * @param majorityShare share of the most frequent label among the defended bursts: what guessing
 *     that label every time scores, in [0, 1]
 * @param bursts labelled bursts the adversary cut from the defended traffic
 * @param extraBytesPercent bytes added on the wire, percent of the undefended bytes, {@code >= 0}
 * @param extraPackets packets added (padding cells, cover packets), may be negative when a defence
 *     merges packets
 * @param addedLatencyMillis mean delay added to the device's real packets, milliseconds, {@code >= 0}
 * @param leakage bits any attack on the defended bursts could learn about the label (event or the
 *     device's own traffic), with its interval, and the bound on the best attack's accuracy; null
 *     when not measured (fewer than two labels with two bursts, or a file written without it)
 */
public record DefenceResult(
        String defence,
        String setting,
        double accuracy,
        double eventsRead,
        double falseAlarmRate,
        double majorityShare,
        int bursts,
        double extraBytesPercent,
        long extraPackets,
        double addedLatencyMillis,
        Leakage leakage) {
    /**
     * What leaks through a defence: the device-level figures of
     * {@link org.iotevent.evaluate.leakage.LeakageResult#all()}.
     *
     * @param bits mutual information between label and burst, bits, with its 95 % interval
     * @param entropyBits the labels' entropy, the most that can leak
     * @param bestAccuracy the bound on any classifier's accuracy
     * @param eventBits the same between the events alone (event against event; null when fewer than two events)
     * @param eventEntropyBits the events' entropy (NaN with {@code eventBits} null)
     */
    public record Leakage(org.iotevent.evaluate.leakage.Estimate bits, double entropyBits, double bestAccuracy,
            org.iotevent.evaluate.leakage.Estimate eventBits, double eventEntropyBits) {}

    /** A result without leakage figures. */
    public DefenceResult(String defence, String setting, double accuracy, double eventsRead, double falseAlarmRate,
            double majorityShare, int bursts, double extraBytesPercent, long extraPackets, double addedLatencyMillis) {
        this(defence, setting, accuracy, eventsRead, falseAlarmRate, majorityShare, bursts, extraBytesPercent, extraPackets,
                addedLatencyMillis, null);
    }

    public DefenceResult {
        Objects.requireNonNull(defence, "defence");
        Objects.requireNonNull(setting, "setting");
        if ((!Double.isNaN(accuracy) && (accuracy < 0 || accuracy > 1)) || !(majorityShare >= 0 && majorityShare <= 1)) {
            throw new IllegalArgumentException(defence + ": accuracy and majority share must lie in [0, 1], found "
                    + accuracy + ", " + majorityShare);
        }
        if (!Double.isNaN(eventsRead) && (eventsRead < 0 || eventsRead > 1)
                || !Double.isNaN(falseAlarmRate) && (falseAlarmRate < 0 || falseAlarmRate > 1)) {
            throw new IllegalArgumentException(defence + ": events read and false-alarm rate must lie in [0, 1], found "
                    + eventsRead + ", " + falseAlarmRate);
        }
        if (bursts < 0 || !(extraBytesPercent >= 0) || !(addedLatencyMillis >= 0)) {
            throw new IllegalArgumentException(defence + ": impossible cost " + extraBytesPercent + " %, "
                    + addedLatencyMillis + " ms, " + bursts + " bursts");
        }
    }

    /** The defence and its setting as one label, e.g. {@code block-padding 64 B}. */
    public String label() {
        return setting.isEmpty() ? defence : defence + " " + setting;
    }
}
