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
 * @param logZone null for event logs on the capture's clock; else a time-zone id (e.g.
 *     {@code Europe/Berlin}) whose local wall-clock time the logs write as if it were UTC (the
 *     wrong-clock case, with its daylight-saving jumps); the ground truth keeps the true times
 * @param logScatterS the logs write each event up to this many seconds before or after it
 *     happened (uniformly), as a scheduler's log of planned times does; 0 for none
 */
public record SimulationOptions(long seed, long startNanos, long durationNanos, long eventSpacingNanos,
        long settleNanos, int repetitions, boolean backgroundOnly, double noiseFraction, Set<Vantage> vantages,
        String logZone, double logScatterS) {

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
        if (!(logScatterS >= 0 && logScatterS <= 3_600)) {
            throw new IllegalArgumentException("log scatter out of [0, 3600] s: " + logScatterS);
        }
        if (logZone != null) {
            java.time.ZoneId.of(logZone); // throws on an unknown zone
        }
    }

    /** Options whose event logs are on the capture's clock. */
    public SimulationOptions(long seed, long startNanos, long durationNanos, long eventSpacingNanos, long settleNanos,
            int repetitions, boolean backgroundOnly, double noiseFraction, Set<Vantage> vantages) {
        this(seed, startNanos, durationNanos, eventSpacingNanos, settleNanos, repetitions, backgroundOnly, noiseFraction,
                vantages, null, 0);
    }

    /** The time the event logs write for an event that happened at {@code nanos}; {@code id} seeds the scatter. */
    public long loggedNanos(long nanos, int id) {
        long t = nanos;
        if (logScatterS > 0) {
            java.util.SplittableRandom r = new java.util.SplittableRandom(seed * 0x9E3779B97F4A7C15L + id);
            t += Math.round((r.nextDouble() * 2 - 1) * logScatterS * 1e9);
        }
        if (logZone != null) {
            java.time.Instant at = java.time.Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L));
            t += java.time.ZoneId.of(logZone).getRules().getOffset(at).getTotalSeconds() * 1_000_000_000L;
        }
        return Math.max(0, t);
    }

    public SimulationOptions withLogZone(String zone) {
        return new SimulationOptions(seed, startNanos, durationNanos, eventSpacingNanos, settleNanos, repetitions,
                backgroundOnly, noiseFraction, vantages, zone, logScatterS);
    }

    public SimulationOptions withLogScatterS(double scatter) {
        return new SimulationOptions(seed, startNanos, durationNanos, eventSpacingNanos, settleNanos, repetitions,
                backgroundOnly, noiseFraction, vantages, logZone, scatter);
    }

    /** one hour from 2026-01-01, events every 60 s after 30 s, 0.5 % noise, all three vantage points. */
    public static SimulationOptions defaults(long seed) {
        return new SimulationOptions(seed, DEFAULT_START_NANOS, 3_600_000_000_000L, 60_000_000_000L,
                30_000_000_000L, 0, false, DEFAULT_NOISE, EnumSet.of(Vantage.LAN, Vantage.WAN, Vantage.WIFI));
    }

    public SimulationOptions withDurationNanos(long nanos) {
        return new SimulationOptions(seed, startNanos, nanos, eventSpacingNanos, settleNanos, repetitions,
                backgroundOnly, noiseFraction, vantages, logZone, logScatterS);
    }

    public SimulationOptions withStartNanos(long nanos) {
        return new SimulationOptions(seed, nanos, durationNanos, eventSpacingNanos, settleNanos, repetitions,
                backgroundOnly, noiseFraction, vantages, logZone, logScatterS);
    }

    public SimulationOptions withEventSpacingNanos(long nanos) {
        return new SimulationOptions(seed, startNanos, durationNanos, nanos, settleNanos, repetitions,
                backgroundOnly, noiseFraction, vantages, logZone, logScatterS);
    }

    public SimulationOptions withRepetitions(int count) {
        return new SimulationOptions(seed, startNanos, durationNanos, eventSpacingNanos, settleNanos, count,
                backgroundOnly, noiseFraction, vantages, logZone, logScatterS);
    }

    public SimulationOptions withBackgroundOnly(boolean only) {
        return new SimulationOptions(seed, startNanos, durationNanos, eventSpacingNanos, settleNanos, repetitions,
                only, noiseFraction, vantages, logZone, logScatterS);
    }

    public SimulationOptions withNoiseFraction(double fraction) {
        return new SimulationOptions(seed, startNanos, durationNanos, eventSpacingNanos, settleNanos, repetitions,
                backgroundOnly, fraction, vantages, logZone, logScatterS);
    }

    public SimulationOptions withVantages(Set<Vantage> which) {
        return new SimulationOptions(seed, startNanos, durationNanos, eventSpacingNanos, settleNanos, repetitions,
                backgroundOnly, noiseFraction, which, logZone, logScatterS);
    }

    /** The duration that triggers every event of a device with {@code maxEvents} events {@code repetitions} times. */
    public long durationForRepetitions(int maxEvents) {
        return settleNanos + (long) repetitions * maxEvents * eventSpacingNanos + eventSpacingNanos;
    }
}
