package org.iotevent.detect;

import java.util.Set;
import org.iotevent.signature.Classifier;
import org.iotevent.signature.Prediction;
import org.iotevent.signature.Signature;
import org.iotevent.traffic.Burst;

/** Labels bursts with a signature's classifier and flags its privacy events. Thread-safe. */
public final class Detector {
    private final Classifier classifier;
    private final Set<String> privacyEvents;

    /**
     * @param classifier the trained classifier
     * @param privacyEvents the events that raise an alert
     */
    public Detector(Classifier classifier, Set<String> privacyEvents) {
        this.classifier = classifier;
        this.privacyEvents = Set.copyOf(privacyEvents);
    }

    /** A detector for {@code signature}: its classifier and its privacy events. */
    public static Detector of(Signature signature) {
        return new Detector(signature.classifierInstance(), signature.privacyEvents());
    }

    /** Labels one burst. */
    public DetectedEvent detect(Burst burst) {
        Prediction p = classifier.classify(burst.signedLengths());
        return new DetectedEvent(burst.startNanos(), burst.endNanos(), burst.firstFrame(), burst.lastFrame(),
                burst.packetCount(), p.label(), privacyEvents.contains(p.label()), p.distance());
    }
}
