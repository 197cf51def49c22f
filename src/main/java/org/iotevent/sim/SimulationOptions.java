package org.iotevent.sim;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What to simulate besides the home. Build with {@link #defaults(long)} and the {@code with*} methods.
 *
 * @param seed the seed of every random choice; the same seed gives the same bytes
 * @param startNanos session start, nanoseconds since the epoch
 * @param durationNanos session length in nanoseconds, {@code > 0}
 * @param eventSpacingNanos time between two triggers of one device's events (the paper: 60 s)
 * @param settleNanos time from the start before the first trigger (devices connect meanwhile)
 * @param repetitions how many times each event of each device is triggered at most; 0 for as
 *     many as the duration allows
 * @param backgroundOnly trigger no events at all (false-alarm measurements)
 * @param noiseFraction expected fraction of the packets inside an event's exchange that are
 *     unrelated packets of the same device, in [0, 0.9)
 * @param vantages the captures to write
 */
public record SimulationOptions(long seed, long startNanos, long durationNanos, long eventSpacingNanos,
        long settleNanos, int repetitions, boolean backgroundOnly, double noiseFraction, Set<Vantage> vantages) {

    /** 2026-01-01T00:00:00Z in nanoseconds since the epoch. */
    public static final long DEFAULT_START_NANOS = 1_767_225_600L * 1_000_000_000L;
    /** Default fraction of unrelated packets inside event bursts. */
    public static final double DEFAULT_NOISE = 0.005;

    public SimulationOptions {
        Objects.requireNonNull(vantages, "vantages");
        if (startNanos < 0 || durationNanos <= 0 || eventSpacingNanos < 1_000_000_000L || settleNanos < 0
                || repetitions < 0 || !(noiseFraction >= 0 && noiseFraction < 0.9)) {
            throw new IllegalArgumentException("simulation options out of range: start " + startNanos
                    + " ns, duration " + durationNanos + " ns, spacing " + eventSpacingNanos
                    + " ns (>= 1 s), settle " + settleNanos + " ns, repetitions " + repetitions + ", noise "
                    + noiseFraction + " (in [0, 0.9))");
        }
        vantages = vantages.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(vantages));
        if (vantages.isEmpty()) {
            throw new IllegalArgumentException("at least one vantage point");
        }
    }

    /** one hour from 2026-01-01, events every 60 s after 30 s, 0.5 % noise, all three vantage points. */
    public static SimulationOptions defaults(long seed) {
        return new SimulationOptions(seed, DEFAULT_START_NANOS, 3_600_000_000_000L, 60_000_000_000L,
                30_000_000_000L, 0, false, DEFAULT_NOISE, EnumSet.allOf(Vantage.class));
    }

    public SimulationOptions withDurationNanos(long nanos) {
        return new SimulationOptions(seed, startNanos, nanos, eventSpacingNanos, settleNanos, repetitions,
                backgroundOnly, noiseFraction, vantages);
    }

    public SimulationOptions withStartNanos(long nanos) {
        return new SimulationOptions(seed, nanos, durationNanos, eventSpacingNanos, settleNanos, repetitions,
                backgroundOnly, noiseFraction, vantages);
    }

    public SimulationOptions withEventSpacingNanos(long nanos) {
        return new SimulationOptions(seed, startNanos, durationNanos, nanos, settleNanos, repetitions,
                backgroundOnly, noiseFraction, vantages);
    }

    public SimulationOptions withRepetitions(int count) {
        return new SimulationOptions(seed, startNanos, durationNanos, eventSpacingNanos, settleNanos, count,
                backgroundOnly, noiseFraction, vantages);
    }

    public SimulationOptions withBackgroundOnly(boolean only) {
        return new SimulationOptions(seed, startNanos, durationNanos, eventSpacingNanos, settleNanos, repetitions,
                only, noiseFraction, vantages);
    }

    public SimulationOptions withNoiseFraction(double fraction) {
        return new SimulationOptions(seed, startNanos, durationNanos, eventSpacingNanos, settleNanos, repetitions,
                backgroundOnly, fraction, vantages);
    }

    public SimulationOptions withVantages(Set<Vantage> which) {
        return new SimulationOptions(seed, startNanos, durationNanos, eventSpacingNanos, settleNanos, repetitions,
                backgroundOnly, noiseFraction, which);
    }

    /** The duration that triggers every event of a device with {@code maxEvents} events {@code repetitions} times. */
    public long durationForRepetitions(int maxEvents) {
        return settleNanos + (long) repetitions * maxEvents * eventSpacingNanos + eventSpacingNanos;
    }
}
