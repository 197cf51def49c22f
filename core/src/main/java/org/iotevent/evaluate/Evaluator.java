package org.iotevent.evaluate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.iotevent.signature.AlignmentClassifier;
import org.iotevent.signature.BurstContent;
import org.iotevent.signature.BurstDistances;
import org.iotevent.signature.Classifier;
import org.iotevent.signature.Classifiers;
import org.iotevent.signature.LabeledSample;
import org.iotevent.signature.Prediction;
import org.iotevent.signature.StratifiedSplit;
import org.iotevent.signature.TrainedModel;
import org.iotevent.signature.Trainer;
import org.iotevent.traffic.EventPairer;

/**
 * Two measurements of a trainer. The headline: {@value #FOLDS}-fold cross-validation stratified by
 * label and grouped by trigger ({@link StratifiedSplit#groupedFolds}), so the bursts of one trigger
 * never sit on both sides; each sample gets exactly one out-of-fold prediction, read by
 * {@link EventReading}. The paper's accuracy: repeated seeded stratified 80/20 splits; per repeat,
 * the trainer learns from the training side (choosing its own k there, never looking at the test
 * side) and labels the test side; and for each k of the sweep, a trainer with that k fixed does the
 * same. Repeat {@code r} splits with seed {@code seed + r}; formula (4) is the mean over repeats.
 * {@link #scoreSession} scores a trained classifier on another session's samples, no retraining.
 *
 * <p>Speed: the distances between bursts do not depend on the split, so every training of one
 * evaluation (the folds, the splits, the k sweep, the cross-validation inside each) shares one
 * {@link BurstDistances}, each pair of bursts aligned once; a split's trainer and its k sweep share one
 * cross-validation ({@link Trainer#trainSweep}); folds and splits run in one run on every core, their
 * results combined in their order, so the figures are the same as one thread without the cache gives
 * ({@link #cached(boolean)} switches all three off, for comparison). {@link #aside} runs other work on
 * the same samples (the leakage figures) beside an evaluation.
 */
public final class Evaluator {
    /** Fraction of samples on the test side of each split. */
    public static final double TEST_FRACTION = 0.2;
    /** Folds of the cross-validation that gives every sample its out-of-fold prediction. */
    public static final int FOLDS = 5;

    private final Trainer trainer;
    private final IntFunction<Trainer> fixedK;
    private final int[] sweep;
    private final boolean cached;
    private final Listener listener;
    /** The distances every evaluation of this evaluator shares (null: a fresh cache for each). */
    private final BurstDistances given;

    /** Told after each training of an evaluation (a fold or a split), for progress. */
    @FunctionalInterface
    public interface Listener {
        /**
         * @param done trainings finished
         * @param total trainings of the evaluation
         */
        void trained(int done, int total);
    }

    /**
     * @param trainer the trainer evaluated (chooses its own parameters)
     * @param fixedK a trainer with k fixed, for the sweep; null for classifiers without k
     * @param sweep the k swept for {@link Evaluation#accuracyByK()}; empty for none
     */
    public Evaluator(Trainer trainer, IntFunction<Trainer> fixedK, int[] sweep) {
        this(trainer, fixedK, sweep, true, (done, total) -> { }, null);
    }

    private Evaluator(Trainer trainer, IntFunction<Trainer> fixedK, int[] sweep, boolean cached, Listener listener,
            BurstDistances given) {
        this.trainer = trainer;
        this.fixedK = fixedK;
        this.sweep = fixedK == null ? new int[0] : sweep.clone();
        this.cached = cached;
        this.listener = listener;
        this.given = given;
    }

    /**
     * The same evaluator with the shared distances and the threads ({@code true}, the default) or with
     * neither (every training aligns its own pairs, one thread): the same figures, slower.
     */
    public Evaluator cached(boolean on) {
        return new Evaluator(trainer, fixedK, sweep, on, listener, given);
    }

    /** The same evaluator telling {@code l} of its progress. */
    public Evaluator listener(Listener l) {
        return new Evaluator(trainer, fixedK, sweep, cached, l, given);
    }

    /**
     * The same evaluator taking its distances from {@code distances}, made for the same samples it will
     * evaluate (so a training of them beforehand, {@code train}'s, shares its alignments and lists).
     */
    public Evaluator distances(BurstDistances distances) {
        return new Evaluator(trainer, fixedK, sweep, cached, listener, distances);
    }

    /**
     * Evaluates on {@code samples}.
     *
     * @param repeats number of splits, {@code >= 1}
     * @param seed seed of the first split
     * @throws IllegalArgumentException when no label has two samples, so nothing can be tested
     */
    public Evaluation evaluate(List<LabeledSample> samples, int repeats, long seed) {
        return evaluate(samples, repeats, seed, Double.NaN);
    }

    /**
     * Evaluates on {@code samples} captured over {@code spanDays} days (NaN when unknown: no false
     * alarms per day).
     */
    public Evaluation evaluate(List<LabeledSample> samples, int repeats, long seed, double spanDays) {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be >= 1, found " + repeats);
        }
        BurstDistances distances = distances(samples);
        Trainer t = trainer.withDistances(distances);
        // one training serves the trainer and the sweep when each fixed-k trainer is the trainer with k fixed
        boolean shared = cached && Arrays.stream(sweep).allMatch(k -> fixedK.apply(k).equals(trainer.withK(k)));
        Trainer[] fixed = shared ? null : fixedTrainers(distances); // only when the sweep needs trainings of its own
        int total = FOLDS + repeats;
        List<String> labels = samples.stream().map(LabeledSample::label).toList();
        // the folds and the splits in one run: no core waits for the last fold before the splits start
        Folds folds = new Folds(samples, seed);
        List<Split> splits = new ArrayList<>(runTold(total, i -> {
            if (i < FOLDS) {
                folds.predict(i, t);
                return null; // a fold is no split
            }
            return split(samples, labels, seed + i - FOLDS, t, fixed, sweep);
        }).subList(FOLDS, total));
        EventReading reading = EventReading.of(samples, folds.predictions(), spanDays);
        long[] counts = new long[4];
        long[] rightByK = new long[sweep.length];
        long tested = 0;
        int testedPerRepeat = 0;
        Map<Integer, Integer> chosenK = new TreeMap<>();
        for (Split sp : splits) {
            testedPerRepeat = sp.tested;
            tested += sp.tested;
            chosenK.merge(sp.k, 1, Integer::sum);
            for (int c = 0; c < 4; c++) {
                counts[c] += sp.counts[c];
            }
            for (int i = 0; i < sweep.length; i++) {
                rightByK[i] += sp.rightByK[i];
            }
        }
        SortedMap<Integer, Double> byK = new TreeMap<>();
        for (int i = 0; i < sweep.length; i++) {
            byK.put(sweep[i], (double) rightByK[i] / tested);
        }
        int k = chosenK.entrySet().stream().max((x, y) -> x.getValue().equals(y.getValue())
                ? Integer.compare(y.getKey(), x.getKey()) : Integer.compare(x.getValue(), y.getValue()))
                .map(Map.Entry::getKey).orElse(0);
        double accuracy = (double) (counts[TP] + counts[TN]) / tested;
        return of(accuracy, reading, byK, k, repeats, seed, samples.size(), testedPerRepeat);
    }

    /** A trainer for each k of the sweep, with that k fixed. */
    private Trainer[] fixedTrainers(BurstDistances distances) {
        Trainer[] fixed = new Trainer[sweep.length];
        for (int i = 0; i < sweep.length; i++) {
            fixed[i] = fixedK.apply(sweep[i]).withDistances(distances);
        }
        return fixed;
    }

    /** What one split measured. */
    private record Split(long[] counts, long[] rightByK, int tested, int k) {}

    /**
     * Split {@code seed}: the trainer and each fixed-k trainer learn from its training side and label its
     * test side; {@code fixed} null: the trainer learns the sweep's models with its own ({@link Trainer#trainSweep}).
     */
    private static Split split(List<LabeledSample> samples, List<String> labels, long seed, Trainer trainer, Trainer[] fixed,
            int[] sweep) {
        boolean[] test = StratifiedSplit.testMask(labels, TEST_FRACTION, seed);
        List<LabeledSample> trainSide = new ArrayList<>();
        List<LabeledSample> testSide = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            (test[i] ? testSide : trainSide).add(samples.get(i));
        }
        if (testSide.isEmpty()) {
            throw new IllegalArgumentException("too few samples to test: every label has a single sample ("
                    + samples.size() + " samples)");
        }
        List<TrainedModel> models = fixed == null ? trainer.trainSweep(trainSide, sweep) : new ArrayList<>();
        if (fixed != null) {
            models.add(trainer.train(trainSide));
            for (Trainer f : fixed) {
                models.add(f.train(trainSide));
            }
        }
        TrainedModel model = models.get(0);
        long[] counts = new long[4];
        long[] rightByK = new long[sweep.length];
        // burst by burst, so the sweep's classifiers that share a search label it from one
        List<String[]> named = BurstContent.eachDistinct(testSide, b -> {
            String[] each = new String[models.size()];
            for (int m = 0; m < each.length; m++) {
                each[m] = models.get(m).classifier().classify(b).label();
            }
            return each;
        });
        for (int t = 0; t < testSide.size(); t++) {
            LabeledSample s = testSide.get(t);
            String[] labelled = named.get(t);
            counts[outcome(s.label(), labelled[0])]++;
            for (int i = 0; i < sweep.length; i++) {
                rightByK[i] += Classifiers.right(s.label(), labelled[1 + i]) ? 1 : 0;
            }
        }
        return new Split(counts, rightByK, testSide.size(), (int) model.spec().parameter("k", 0));
    }

    /** A fresh cache for one evaluation of {@code samples}, or none. */
    private BurstDistances distances(List<LabeledSample> samples) {
        return !cached ? BurstDistances.DISABLED : given != null ? given : new BurstDistances(samples);
    }

    /** As {@link #run}, telling the listener of each task done (in the order they finish). */
    private <T> List<T> runTold(int n, IntFunction<T> task) {
        AtomicInteger done = new AtomicInteger();
        return run(n, i -> {
            T out = task.apply(i);
            listener.trained(done.incrementAndGet(), n);
            return out;
        });
    }

    /** One task per index, on every core when cached (else in this thread), results in index order. */
    private <T> List<T> run(int n, IntFunction<T> task) {
        int threads = cached ? Math.min(n, Runtime.getRuntime().availableProcessors()) : 1;
        List<T> out = new ArrayList<>(n);
        if (threads <= 1) {
            for (int i = 0; i < n; i++) {
                out.add(task.apply(i));
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread th = new Thread(r, "iotevent-evaluate");
            th.setDaemon(true);
            return th;
        });
        try {
            List<Future<T>> futures = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> task.apply(index)));
            }
            for (Future<T> f : futures) {
                out.add(result(f));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Starts {@code task} on a thread of its own and gives its result when asked: other work on the same
     * samples (the leakage figures) done beside an evaluation, on a core the evaluation leaves idle at times.
     */
    public static <T> Supplier<T> aside(String name, Callable<T> task) {
        FutureTask<T> future = new FutureTask<>(task);
        Thread t = new Thread(future, name);
        t.setDaemon(true);
        t.start();
        return () -> result(future);
    }

    /** What a task returned; what it threw, thrown again. */
    private static <T> T result(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("evaluation interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static Evaluation of(double accuracy, EventReading r, SortedMap<Integer, Double> byK, int k, int repeats,
            long seed, int samples, int testedPerRepeat) {
        return new Evaluation(accuracy, r.truePositives(), r.trueNegatives(), r.falsePositives(), r.falseNegatives(),
                perEvent(r), r.confusion(), byK, k, repeats, seed, samples, testedPerRepeat, r);
    }

    /**
     * One out-of-fold prediction per sample, read per event and trigger.
     *
     * @throws IllegalArgumentException when the samples are too few to leave a training side
     */
    public EventReading crossValidate(List<LabeledSample> samples, long seed, double spanDays) {
        return EventReading.of(samples, outOfFold(samples, seed), spanDays);
    }

    /** Each sample labelled by the trainer trained on the other folds. */
    public List<Prediction> outOfFold(List<LabeledSample> samples, long seed) {
        BurstDistances distances = distances(samples);
        Trainer t = trainer.withDistances(distances);
        Folds folds = new Folds(samples, seed);
        runTold(FOLDS, f -> {
            folds.predict(f, t);
            return null;
        });
        return folds.predictions();
    }

    /** The grouped folds of the samples and each sample's out-of-fold prediction, filled fold by fold. */
    private static final class Folds {
        private final List<LabeledSample> samples;
        private final int[] fold;
        private final Prediction[] out;

        /** @throws IllegalArgumentException when the samples are too few to leave a training side */
        Folds(List<LabeledSample> samples, long seed) {
            if (samples.size() < 2) {
                throw new IllegalArgumentException("too few samples to test: " + samples.size());
            }
            this.samples = samples;
            this.fold = StratifiedSplit.groupedFolds(samples, FOLDS, seed);
            this.out = new Prediction[samples.size()];
        }

        /** Labels fold {@code f} with {@code t} trained on the others. */
        void predict(int f, Trainer t) {
            List<LabeledSample> trainSide = new ArrayList<>();
            List<LabeledSample> testSide = new ArrayList<>();
            List<Integer> tested = new ArrayList<>();
            for (int i = 0; i < samples.size(); i++) {
                if (fold[i] == f) {
                    tested.add(i);
                    testSide.add(samples.get(i));
                } else {
                    trainSide.add(samples.get(i));
                }
            }
            if (!tested.isEmpty()) {
                if (trainSide.isEmpty()) {
                    throw new IllegalArgumentException("too few samples to test: all " + samples.size()
                            + " fall into one fold (each label has a single trigger)");
                }
                Classifier c = t.train(trainSide).classifier();
                List<Prediction> predicted = BurstContent.eachDistinct(testSide, c::classify);
                for (int j = 0; j < tested.size(); j++) {
                    out[tested.get(j)] = predicted.get(j);
                }
            }
        }

        List<Prediction> predictions() {
            return List.of(out);
        }
    }

    /**
     * Scores a trained classifier on the samples of another session, each once: the same figures,
     * with formula (4) over those samples and no k sweep.
     *
     * @param k the classifier's k, 0 when it has none
     */
    public static Evaluation scoreSession(Classifier classifier, int k, List<LabeledSample> samples, double spanDays) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no sample to score");
        }
        List<Prediction> predictions = samples.stream().map(s -> classifier.classify(s.signedLengths())).toList();
        EventReading r = EventReading.of(samples, predictions, spanDays);
        return of(r.paperAccuracy(), r, new TreeMap<>(), k, 1, 0, samples.size(), samples.size());
    }

    private static final int TP = 0;
    private static final int TN = 1;
    private static final int FP = 2;
    private static final int FN = 3;

    /** Formula (4)'s cell for one burst; see {@link Evaluation}. */
    static int outcome(String actual, String predicted) {
        boolean actualOther = actual.equals(EventPairer.OTHER);
        // An open-set classifier's "unknown" raises no alert: a negative, like "other".
        boolean predictedOther = predicted.equals(EventPairer.OTHER) || predicted.equals(AlignmentClassifier.UNKNOWN);
        if (actualOther) {
            return predictedOther ? TN : FP;
        }
        if (predictedOther) {
            return FN;
        }
        return actual.equals(predicted) ? TP : FP;
    }

    /** Per actual label: an event's trigger recall and burst precision; other's per burst. */
    private static SortedMap<String, Evaluation.PrecisionRecall> perEvent(EventReading r) {
        SortedMap<String, Evaluation.PrecisionRecall> out = new TreeMap<>();
        r.events().forEach((name, f) -> out.put(name, new Evaluation.PrecisionRecall(f.precision(), f.recall(), f.bursts())));
        SortedMap<String, Long> row = r.confusion().get(EventPairer.OTHER);
        if (row != null) {
            long predicted = r.confusion().values().stream().mapToLong(x -> x.getOrDefault(EventPairer.OTHER, 0L)).sum();
            long right = row.getOrDefault(EventPairer.OTHER, 0L);
            out.put(EventPairer.OTHER, new Evaluation.PrecisionRecall(predicted == 0 ? Double.NaN : (double) right / predicted,
                    (double) right / r.ownBursts(), r.ownBursts()));
        }
        return out;
    }
}
