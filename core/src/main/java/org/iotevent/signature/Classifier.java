package org.iotevent.signature;

/**
 * The seam every classifier plugs into: a trained model that labels one burst's feature vector.
 * Implementations are immutable and thread-safe after construction; {@link Trainer}s build them
 * from labelled samples, and {@link Classifiers} rebuilds them from a signature file.
 */
@FunctionalInterface
public interface Classifier {
    /**
     * Labels a burst.
     *
     * @param signedLengths the burst's IP-layer lengths in bytes, positive towards the device; not
     *     modified
     * @return the label and its distance; never null
     */
    Prediction classify(int[] signedLengths);
}
