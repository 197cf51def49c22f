package org.iotevent.detect;

import java.util.Set;
import org.iotevent.signature.Classifier;
import org.iotevent.signature.Prediction;
import org.iotevent.signature.Signature;
import org.iotevent.traffic.Burst;

/**
 * Labels bursts with a signature's classifier and flags its privacy events. A privacy event the
 * signature says cannot be told from the device's own traffic raises no alert: the label stays, the
 * flag does not. A signature's classifier is built when the first burst is labelled: over a file,
 * on the thread that labels, while the reading thread starts reading. Thread-safe.
 */
public final class Detector {
    /** The signature whose classifier is still to be built, or null once it is. */
    private Signature pending;
    private volatile Classifier classifier;
    private final Set<String> privacyEvents;
    private final Set<String> silenced;

    /**
     * @param classifier the trained classifier
     * @param privacyEvents the events that raise an alert
     */
    public Detector(Classifier classifier, Set<String> privacyEvents) {
        this(classifier, null, privacyEvents, Set.of());
    }

    private Detector(Classifier classifier, Signature pending, Set<String> privacyEvents, Set<String> silenced) {
        this.classifier = classifier;
        this.pending = pending;
        this.silenced = Set.copyOf(silenced);
        Set<String> alerting = new java.util.HashSet<>(privacyEvents);
        alerting.removeAll(silenced);
        this.privacyEvents = Set.copyOf(alerting);
    }

    /**
     * A detector for {@code signature}: its classifier and its privacy events, less those its
     * verdicts say cannot be told from the device's own traffic.
     */
    public static Detector of(Signature signature) {
        java.util.Set<String> silenced = new java.util.TreeSet<>(signature.hiddenInOwnTraffic());
        silenced.retainAll(signature.privacyEvents());
        return new Detector(null, signature, signature.privacyEvents(), silenced);
    }

    /** The privacy events that raise no alert because they cannot be told from the device's own traffic. */
    public Set<String> silenced() {
        return silenced;
    }

    /** The privacy events that raise an alert. */
    public Set<String> alerting() {
        return privacyEvents;
    }

    /** Labels one burst. */
    public DetectedEvent detect(Burst burst) {
        Prediction p = classifier().classify(burst.sharedSignedLengths());
        return new DetectedEvent(burst.startNanos(), burst.endNanos(), burst.firstFrame(), burst.lastFrame(),
                burst.packetCount(), p.label(), privacy(p.label()), p.distance());
    }

    private Classifier classifier() {
        Classifier c = classifier;
        if (c == null) {
            synchronized (this) {
                c = classifier;
                if (c == null) {
                    c = pending.classifierInstance();
                    classifier = c;
                    pending = null;
                }
            }
        }
        return c;
    }

    /** The label objects met so far and whether each alerts (a classifier answers with the same few objects). */
    private volatile Object[] seen = new Object[0];

    private boolean privacy(String label) {
        Object[] s = seen;
        for (int i = 0; i < s.length; i += 2) {
            if (s[i] == label) {
                return (Boolean) s[i + 1];
            }
        }
        boolean alerts = privacyEvents.contains(label);
        if (s.length < 64) {
            Object[] more = java.util.Arrays.copyOf(s, s.length + 2);
            more[s.length] = label;
            more[s.length + 1] = alerts;
            seen = more; // a race only loses an entry: the answer is the same
        }
        return alerts;
    }
}
