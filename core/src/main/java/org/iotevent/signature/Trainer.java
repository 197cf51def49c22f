package org.iotevent.signature;

import java.util.List;

/**
 * Builds a classifier from labelled samples. A trainer holds its hyperparameters (candidates,
 * seed); the model it returns holds what it learnt. Deterministic: the same samples in the same
 * order give the same model.
 */
@FunctionalInterface
public interface Trainer {
    /**
     * Trains on {@code samples}.
     *
     * @param samples at least one sample; labels may include {@value org.iotevent.traffic.EventPairer#OTHER}
     * @return the classifier, its spec for the signature file, and what training measured
     */
    TrainedModel train(List<LabeledSample> samples);
}
