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

    /**
     * The same trainer taking its distances from {@code distances}, shared with other trainers of the
     * same samples (an evaluation's splits and k sweep); {@link BurstDistances#DISABLED} for none. The
     * models are the same; trainers without such distances return themselves.
     */
    default Trainer withDistances(BurstDistances distances) {
        return this;
    }
}
