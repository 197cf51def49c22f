package org.iotevent.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.iotevent.sim.DeviceModel.Event;
import org.iotevent.sim.DeviceModel.Periodic;

/**
 * When one simulated device does what: connect first, then heartbeats, its other own traffic and
 * DNS look-ups on their periods, and the triggered events on the session's spacing. Episodes never
 * overlap, and own traffic keeps clear of the window around each trigger, so the unrelated packets
 * inside an event's exchange are exactly the injected ones. {@link DeviceAgent} runs the episodes
 * and tells the schedule what they did; both draw from the device's one random stream, in a fixed
 * order, so the same seed gives the same bytes.
 */
final class EpisodeSchedule {
    private static final long MS = 1_000_000L;

    /** What a device does next. */
    sealed interface Episode permits Kind, Background {}

    /** The episodes of which a device has one kind each. */
    enum Kind implements Episode {
        CONNECT, EVENT, HEARTBEAT, DNS,
        /** Close the cloud connection ({@code timing.reconnectS}); a CONNECT follows. */
        CLOSE
    }

    /** One of the model's other periodic own traffic, by its index among them. */
    record Background(int index) implements Episode {}

    private final DeviceModel model;
    private final SimulationOptions options;
    private final SplittableRandom rng;
    private final long endNanos;

    private long nextHeartbeat;
    private final long[] nextBackground;
    private long nextDns;
    private long nextClose = Long.MAX_VALUE;
    /** After a CLOSE: connect again at {@link #reconnectAt}, before anything else. */
    private boolean disconnected;
    private long reconnectAt;
    private long nextTrigger = Long.MAX_VALUE;
    /** Trigger k is due at {@code firstTrigger + k * spacing}, give or take 2 % of the spacing (no drift). */
    private long firstTrigger;
    private int triggersDone;
    private final List<Event> round = new ArrayList<>();
    private long busyUntil;

    private Episode planned = Kind.CONNECT;
    private long plannedStart;

    EpisodeSchedule(DeviceModel model, SimulationOptions options, SplittableRandom rng) {
        this.model = model;
        this.options = options;
        this.rng = rng;
        this.endNanos = options.startNanos() + options.durationNanos();
        long start = options.startNanos();
        this.plannedStart = start + (long) (rng.nextDouble() * 5_000 * MS);
        this.nextBackground = new long[model.background().size()];
        if (!options.backgroundOnly() && !model.events().isEmpty()) {
            long spacing = options.eventSpacingNanos();
            firstTrigger = start + options.settleNanos() + (long) (rng.nextDouble() * spacing);
            nextTrigger = firstTrigger;
        }
    }

    /** The planned episode. */
    Episode planned() {
        return planned;
    }

    /** Start time of the planned episode. */
    long plannedStart() {
        return plannedStart;
    }

    /** Start time of the next episode, or {@code Long.MAX_VALUE} when the session is over for this device. */
    long nextStart() {
        return plannedStart < endNanos ? plannedStart : Long.MAX_VALUE;
    }

    /** The device connected at {@code start}, its last packet at {@code now}: own traffic starts. */
    void connected(long start, long now) {
        nextHeartbeat = periodFrom(now, model.heartbeat());
        nextDns = start + model.timing().dnsTtlS() * 1_000_000_000L + (long) (rng.nextDouble() * 30e9);
        for (int i = 0; i < nextBackground.length; i++) {
            Periodic p = model.background().get(i);
            nextBackground[i] = now + (long) (rng.nextDouble() * p.periodS() * 1e9);
        }
        disconnected = false;
        double lifetime = model.timing().reconnectS();
        if (lifetime > 0) {
            nextClose = now + (long) (lifetime * (0.9 + 0.2 * rng.nextDouble()) * 1e9);
        }
    }

    /** The device closed its connection at {@code now}: it connects again 1 to 2 s later. */
    void closed(long now) {
        disconnected = true;
        nextClose = Long.MAX_VALUE;
        reconnectAt = now + (long) ((1 + rng.nextDouble()) * 1e9);
    }

    /** A heartbeat ran from {@code start}. */
    void heartbeatDone(long start) {
        nextHeartbeat = periodFrom(start, model.heartbeat());
    }

    /** Own traffic {@code index} ran from {@code start}. */
    void backgroundDone(int index, long start) {
        nextBackground[index] = periodFrom(start, model.background().get(index));
    }

    /** A connected device looked its domains up from {@code start}: the next look-up when their TTL ends. */
    void lookedUp(long start) {
        nextDns = start + model.timing().dnsTtlS() * 1_000_000_000L + (long) (rng.nextDouble() * 30e9);
    }

    /** When the event about to run was triggered. */
    long triggerNanos() {
        return nextTrigger;
    }

    /** Takes the event the planned episode runs and schedules the next trigger. */
    Event takeEvent() {
        Event e = round.remove(0);
        triggersDone++;
        int perDevice = model.events().size();
        boolean more = options.repetitions() == 0 || triggersDone < options.repetitions() * perDevice;
        long spacing = options.eventSpacingNanos();
        long jitter = (long) ((rng.nextDouble() * 2 - 1) * spacing * 0.02);
        nextTrigger = more ? firstTrigger + triggersDone * spacing + jitter : Long.MAX_VALUE;
        if (nextTrigger >= endNanos) {
            nextTrigger = Long.MAX_VALUE;
        }
        return e;
    }

    /** A packet of the episode at {@code timeNanos}: the next episode starts after it. */
    void busy(long timeNanos) {
        busyUntil = Math.max(busyUntil, timeNanos);
    }

    private long periodFrom(long from, Periodic p) {
        double s = p.periodS() + (rng.nextDouble() * 2 - 1) * p.jitterS();
        return from + (long) (s * 1e9);
    }

    /** Plans the next episode: the earliest due, a trigger before own traffic due at the same time. */
    void plan() {
        long spacing = options.eventSpacingNanos();
        long before = Math.min(3_000 * MS, spacing / 10);
        long after = Math.min(8_000 * MS, spacing * 3 / 10);
        long earliest = busyUntil + 5 * MS;
        if (disconnected) {
            planned = Kind.CONNECT;
            plannedStart = Math.max(reconnectAt, earliest);
            return;
        }
        nextHeartbeat = clear(nextHeartbeat, before, after);
        nextDns = clear(nextDns, before, after);
        long best = nextHeartbeat;
        Episode kind = Kind.HEARTBEAT;
        if (nextDns < best) {
            best = nextDns;
            kind = Kind.DNS;
        }
        if (nextClose != Long.MAX_VALUE) {
            nextClose = clear(nextClose, before, after);
            if (nextClose < best) {
                best = nextClose;
                kind = Kind.CLOSE;
            }
        }
        for (int i = 0; i < nextBackground.length; i++) {
            nextBackground[i] = clear(nextBackground[i], before, after);
            if (nextBackground[i] < best) {
                best = nextBackground[i];
                kind = new Background(i);
            }
        }
        long trigger = nextTrigger;
        if (trigger != Long.MAX_VALUE && trigger <= best) {
            Event e = nextEvent();
            double delay = e.delayMs() + (rng.nextDouble() * 2 - 1) * e.delayJitterMs();
            best = Math.max(trigger + (long) (delay * MS), earliest);
            kind = Kind.EVENT;
        }
        planned = kind;
        plannedStart = Math.max(best, earliest);
    }

    /** Moves own traffic due inside a trigger's reserved window to just after it. */
    private long clear(long due, long before, long after) {
        if (nextTrigger != Long.MAX_VALUE && due >= nextTrigger - before && due < nextTrigger + after) {
            return nextTrigger + after + (long) (rng.nextDouble() * Math.min(1_000 * MS, options.eventSpacingNanos() / 10));
        }
        return due;
    }

    /** The next event of the round: every event once, in a shuffled order, then the next round. */
    private Event nextEvent() {
        if (round.isEmpty()) {
            round.addAll(model.events());
            for (int i = round.size() - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                round.set(i, round.set(j, round.get(i)));
            }
        }
        return round.get(0);
    }
}
