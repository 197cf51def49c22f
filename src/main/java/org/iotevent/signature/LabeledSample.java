package org.iotevent.signature;

/**
 * One training sample: a burst's feature vector and its label.
 *
 * @param label an event name or {@value org.iotevent.traffic.EventPairer#OTHER}, non-empty
 * @param signedLengths the paper's vector {@code [d1*l1, ..., dn*ln]}: IP-layer lengths in bytes,
 *     positive towards the device; at least one entry, none 0
 */
public record LabeledSample(String label, int[] signedLengths) {
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
