package org.iotevent.signature;

/**
 * What a {@link Trainer} returns.
 *
 * @param spec the classifier's name and chosen parameters, as the signature file stores them
 * @param classifier the classifier built from all samples
 * @param report what training measured on its held-out split
 */
public record TrainedModel(ClassifierSpec spec, Classifier classifier, TrainingReport report) {
    public TrainedModel {
        if (spec == null || classifier == null || report == null) {
            throw new IllegalArgumentException("a trained model needs a spec, a classifier and a report");
        }
    }
}
