package org.iotevent.evaluate;

import java.util.List;
import org.iotevent.signature.BurstDistances;
import org.iotevent.signature.LabeledSample;
import org.iotevent.signature.TrainedModel;
import org.iotevent.signature.Trainer;

/**
 * A signature's training and the cross-validation that measures its verdicts, as {@code train -o}
 * and the demo run them: both compare the same bursts, so they share one cache of distances.
 * Here because {@code cli} and {@code sim} both reach it (sim may not import cli).
 */
public final class SignatureTraining {
    private final Trainer trainer;
    private final List<LabeledSample> samples;
    private final BurstDistances distances;
    private final TrainedModel model;

    /** Trains {@code trainer} on {@code samples}. */
    public SignatureTraining(Trainer trainer, List<LabeledSample> samples) {
        this.trainer = trainer;
        this.samples = samples;
        this.distances = new BurstDistances(samples);
        this.model = trainer.withDistances(distances).train(samples);
    }

    public TrainedModel model() {
        return model;
    }

    /**
     * What an eavesdropper reads, each sample predicted once out of fold (grouped by trigger); its
     * verdicts go into the signature.
     *
     * @return null when there are too few triggers to cross-validate: the signature then records
     *     no verdicts
     */
    public EventReading crossValidate(long seed, double spanDays, Evaluator.Listener listener) {
        try {
            return new Evaluator(trainer, null, new int[0]).listener(listener).distances(distances)
                    .crossValidate(samples, seed, spanDays);
        } catch (IllegalArgumentException tooFew) {
            return null;
        }
    }
}
