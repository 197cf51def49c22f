package org.iotevent.signature;

/**
 * What a classifier says about one burst.
 *
 * @param label the event, or {@value org.iotevent.traffic.EventPairer#OTHER}
 * @param distance distance in bytes (Euclidean over signed lengths for the paper's classifier) to
 *     the nearest training sample carrying {@code label}; {@code +Infinity} when no training sample
 *     was comparable (the paper's classifier has no sample with the burst's packet count)
 * @param tieToOther true when the burst is {@value org.iotevent.traffic.EventPairer#OTHER} only
 *     by the tie rule: it resembled an event exactly as much as the device's own traffic (see
 *     {@link GroupedKnn}), and a burst that looks like the device's own traffic raises no alert
 */
public record Prediction(String label, double distance, boolean tieToOther) {
    /** A prediction that no tie decided. */
    public Prediction(String label, double distance) {
        this(label, distance, false);
    }

    public Prediction {
        if (label == null || label.isEmpty()) {
            throw new IllegalArgumentException("a prediction needs a label");
        }
        if (Double.isNaN(distance) || distance < 0) {
            throw new IllegalArgumentException("distance must be >= 0, found " + distance);
        }
    }

    /** False when the classifier had nothing to compare the burst with. */
    public boolean comparable() {
        return distance != Double.POSITIVE_INFINITY;
    }
}
