package org.iotevent.signature;

/**
 * One training sample: a burst's feature vector, its label, and the trigger it came from.
 *
 * @param label an event name or {@value org.iotevent.traffic.EventPairer#OTHER}, non-empty
 * @param signedLengths the paper's vector {@code [d1*l1, ..., dn*ln]}: IP-layer lengths in bytes,
 *     positive towards the device; at least one entry, none 0
 * @param trigger which trigger caused the burst (samples of one trigger share it, so splits keep
 *     them on one side), or {@link #OWN_GROUP} for a sample that forms a group of its own (a burst
 *     of the device's own traffic, a hand-cut sequence)
 */
public record LabeledSample(String label, int[] signedLengths, long trigger) {
    /** The trigger of a sample that shares its trigger with no other sample. */
    public static final long OWN_GROUP = Long.MIN_VALUE;

    /** A sample that forms a group of its own. */
    public LabeledSample(String label, int[] signedLengths) {
        this(label, signedLengths, OWN_GROUP);
    }

    /** The sample of a paired burst: the trigger is the event's line in the event log. */
    public static LabeledSample of(org.iotevent.traffic.LabeledBurst b) {
        return new LabeledSample(b.label(), b.burst().signedLengths(), b.event() == null ? OWN_GROUP : b.event().line());
    }

    public LabeledSample {
        if (label == null || label.isEmpty()) {
            throw new IllegalArgumentException("a sample needs a label");
        }
        if (signedLengths.length == 0) {
            throw new IllegalArgumentException("a sample needs at least one packet");
        }
        signedLengths = signedLengths.clone();
        for (int l : signedLengths) {
            if (l == 0) {
                throw new IllegalArgumentException("a packet length of 0 in sample '" + label + "'");
            }
        }
    }

    /** A copy of the vector. */
    @Override
    public int[] signedLengths() {
        return signedLengths.clone();
    }

    /** Number of packets, the paper's n. */
    public int packetCount() {
        return signedLengths.length;
    }

    /** Read-only access to the vector without a copy, for classifiers in this package. */
    int[] vector() {
        return signedLengths;
    }
}
