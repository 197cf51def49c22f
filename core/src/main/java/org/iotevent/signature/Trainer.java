package org.iotevent.signature;

import java.util.ArrayList;
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

    /**
     * The same trainer with k fixed, for a k sweep: what {@link Classifiers#trainer} gives for this
     * classifier, the single candidate {@code k} and the same seed; null for classifiers without k.
     */
    default Trainer withK(int k) {
        return null;
    }

    /**
     * What {@link #train} learns from {@code samples} (entry 0) and, for each {@code ks[i]}, what
     * {@link #withK withK(ks[i])} learns from them (entry 1 + i). The same models as training each
     * alone; trainers that choose their parameters by one cross-validation share it among them.
     */
    default List<TrainedModel> trainSweep(List<LabeledSample> samples, int[] ks) {
        List<TrainedModel> out = new ArrayList<>();
        out.add(train(samples));
        for (int k : ks) {
            out.add(withK(k).train(samples));
        }
        return out;
    }
}
