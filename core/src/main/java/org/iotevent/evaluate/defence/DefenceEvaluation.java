package org.iotevent.evaluate.defence;

import java.util.List;
import java.util.Objects;

/**
 * Every defence measured against one device's capture.
 *
 * @param device the device, as the user selected it
 * @param capture the capture file, as the user named it
 * @param events the event log, as the user named it
 * @param attack the adversary: classifier and parameters, {@code a} and {@code b}
 * @param seed seed of the splits and of every randomised defence
 * @param baseline the attack on undefended traffic (defence {@code none}, no cost)
 * @param results one entry per defence and setting, in the order run
 */
public record DefenceEvaluation(
        String device, String capture, String events, String attack, long seed, DefenceResult baseline, List<DefenceResult> results) {
    public DefenceEvaluation {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(capture, "capture");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(attack, "attack");
        Objects.requireNonNull(baseline, "baseline");
        results = List.copyOf(results);
    }
}
