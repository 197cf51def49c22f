package org.iotevent.signature;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.iotevent.traffic.DeviceIdentity;
import org.iotevent.traffic.DeviceSelector;
import org.iotevent.traffic.EventPairer;
import org.iotevent.traffic.LengthLayer;

/**
 * A device's learnt signature: what the signature file holds.
 *
 * @param device how the device's packets were selected (detection uses the same unless told otherwise)
 * @param gapNanos the burst gap {@code a}, nanoseconds, {@code > 0} (at most a day)
 * @param windowNanos the pairing window {@code b}, nanoseconds, {@code >= 0} (at most a day)
 * @param lengthLayer the layer feature lengths are measured at: {@value #LENGTH_LAYER} (the paper's) or
 *     {@code transport} ({@link LengthLayer})
 * @param classifier the classifier's name and parameters
 * @param events the events of the event log, sorted, without {@value EventPairer#OTHER}
 * @param privacyEvents the events detection raises alerts for, a subset of {@code events}
 * @param samples the labelled samples (labels from {@code events} or {@value EventPairer#OTHER})
 * @param training what training measured
 * @param provenance where it came from
 * @param verdicts the headline figures and verdicts measured when it was trained; null when not
 *     measured (files written before they were recorded)
 * @param identity what identifies the device model in traffic (names, MAC block, ports, heartbeat),
 *     for applying the signature to the devices of a home it has never seen; null when not recorded
 */
public record Signature(
        DeviceSelector device,
        long gapNanos,
        long windowNanos,
        String lengthLayer,
        ClassifierSpec classifier,
        List<String> events,
        SortedSet<String> privacyEvents,
        List<LabeledSample> samples,
        TrainingReport training,
        Provenance provenance,
        Verdicts verdicts,
        DeviceIdentity identity) {

    /** The default length layer: IP-layer lengths (IPv4 total length, IPv6 payload + 40). */
    public static final String LENGTH_LAYER = "ip";
    /** Bound of {@code a} and {@code b}: a day. */
    private static final long MAX_NANOS = 86_400_000_000_000L;

    /** A signature without a recorded identity. */
    public Signature(DeviceSelector device, long gapNanos, long windowNanos, String lengthLayer,
            ClassifierSpec classifier, List<String> events, SortedSet<String> privacyEvents, List<LabeledSample> samples,
            TrainingReport training, Provenance provenance, Verdicts verdicts) {
        this(device, gapNanos, windowNanos, lengthLayer, classifier, events, privacyEvents, samples, training, provenance,
                verdicts, null);
    }

    /** A signature without recorded verdicts. */
    public Signature(DeviceSelector device, long gapNanos, long windowNanos, String lengthLayer,
            ClassifierSpec classifier, List<String> events, SortedSet<String> privacyEvents, List<LabeledSample> samples,
            TrainingReport training, Provenance provenance) {
        this(device, gapNanos, windowNanos, lengthLayer, classifier, events, privacyEvents, samples, training, provenance,
                null);
    }

    public Signature {
        if (device == null || classifier == null || training == null || provenance == null) {
            throw new IllegalArgumentException("a signature needs a device, a classifier, a training report and provenance");
        }
        if (!(gapNanos > 0 && gapNanos <= MAX_NANOS)) {
            throw new IllegalArgumentException("a must lie in (0, 86400] seconds, found " + gapNanos / 1e9);
        }
        if (!(windowNanos >= 0 && windowNanos <= MAX_NANOS)) {
            throw new IllegalArgumentException("b must lie in [0, 86400] seconds, found " + windowNanos / 1e9);
        }
        if (lengthLayer == null || LengthLayer.byKey(lengthLayer) == null) {
            throw new IllegalArgumentException("length layer must be 'ip' or 'transport', found '" + lengthLayer + "'");
        }
        events = List.copyOf(new TreeSet<>(events));
        if (events.contains(EventPairer.OTHER)) {
            throw new IllegalArgumentException("'" + EventPairer.OTHER + "' is not an event");
        }
        privacyEvents = Collections.unmodifiableSortedSet(new TreeSet<>(privacyEvents));
        for (String p : privacyEvents) {
            if (!events.contains(p)) {
                throw new IllegalArgumentException("privacy event '" + p + "' is not one of the events " + events);
            }
        }
        samples = List.copyOf(samples);
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("a signature needs at least one sample");
        }
        for (LabeledSample s : samples) {
            if (!s.label().equals(EventPairer.OTHER) && !events.contains(s.label())) {
                throw new IllegalArgumentException("sample label '" + s.label() + "' is not one of the events " + events);
            }
        }
        if (verdicts != null) {
            for (Separation x : verdicts.events().values()) {
                requireEvents(x, events);
            }
            for (Separation x : verdicts.pairs()) {
                requireEvents(x, events);
            }
        }
    }

    private static void requireEvents(Separation x, List<String> events) {
        if (!events.containsAll(x.events())) {
            throw new IllegalArgumentException("verdict about " + x.events() + ": not events of " + events);
        }
    }

    /** The same signature with {@code v} as its verdicts. */
    public Signature withVerdicts(Verdicts v) {
        return new Signature(device, gapNanos, windowNanos, lengthLayer, classifier, events, privacyEvents, samples, training,
                provenance, v, identity);
    }

    /** The same signature with {@code id} as its device's identity. */
    public Signature withIdentity(DeviceIdentity id) {
        return new Signature(device, gapNanos, windowNanos, lengthLayer, classifier, events, privacyEvents, samples, training,
                provenance, verdicts, id);
    }

    /** The burst gap {@code a} in seconds, as the signature file and the report give it. */
    public double aSeconds() {
        return gapNanos / 1e9;
    }

    /** The pairing window {@code b} in seconds, as the signature file and the report give it. */
    public double bSeconds() {
        return windowNanos / 1e9;
    }

    /** The events this signature says cannot be told from the device's own traffic; empty when unmeasured. */
    public List<String> hiddenInOwnTraffic() {
        return verdicts == null ? List.of() : verdicts.hiddenInOwnTraffic();
    }

    /** Events with at least one sample, sorted. */
    public List<String> learntEvents() {
        TreeSet<String> out = new TreeSet<>();
        samples.forEach(s -> out.add(s.label()));
        out.remove(EventPairer.OTHER);
        return new ArrayList<>(out);
    }

    /** The layer its lengths are measured at. */
    public LengthLayer layer() {
        return LengthLayer.byKey(lengthLayer);
    }

    /** Rebuilds the classifier from the samples and the spec. */
    public Classifier classifierInstance() {
        return Classifiers.restore(classifier, samples);
    }
}
