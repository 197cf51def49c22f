package org.iotevent.evaluate.defence;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.iotevent.evaluate.Evaluation;
import org.iotevent.evaluate.Evaluator;
import org.iotevent.evaluate.leakage.Leakage;
import org.iotevent.evaluate.leakage.LeakageFigures;
import org.iotevent.evaluate.leakage.LeakageResult;
import org.iotevent.signature.LabeledSample;
import org.iotevent.signature.Trainer;
import org.iotevent.traffic.BurstSegmenter;
import org.iotevent.traffic.Event;
import org.iotevent.traffic.EventPairer;

/**
 * Reruns the attack on defended traffic: the adversary cuts the defended packets into bursts at gap
 * {@code a}, pairs them with the event log within {@code b}, and retrains and tests on them with
 * the same seeded splits as {@code iotevent evaluate} — an adversary who adapts to the defence.
 */
public final class DefenceEvaluator {
    private final long gapNanos;
    private final long windowNanos;
    private final Trainer trainer;
    private final int repeats;
    private final long seed;

    /**
     * @param gapNanos the burst gap {@code a}, nanoseconds, {@code > 0}
     * @param windowNanos the pairing window {@code b}, nanoseconds, {@code >= 0}
     * @param trainer the adversary's trainer (e.g. the paper's kNN choosing k)
     * @param repeats number of seeded splits, {@code >= 1}
     * @param seed seed of the first split and of every randomised defence
     */
    public DefenceEvaluator(long gapNanos, long windowNanos, Trainer trainer, int repeats, long seed) {
        if (gapNanos <= 0 || windowNanos < 0 || repeats < 1) {
            throw new IllegalArgumentException("need a > 0, b >= 0 and repeats >= 1, found " + gapNanos + " ns, "
                    + windowNanos + " ns, " + repeats);
        }
        this.gapNanos = gapNanos;
        this.windowNanos = windowNanos;
        this.trainer = trainer;
        this.repeats = repeats;
        this.seed = seed;
    }

    /**
     * The baseline and every defence on one capture's traces.
     *
     * @param attack a description of the adversary (classifier, parameters) for the result
     */
    public DefenceEvaluation run(String device, String capture, String eventLog, String attack, CaptureTraces traces,
            List<Event> events, List<Defence> defences) {
        DefenceResult baseline = attack("none", "", traces.device(), events, 0, 0, 0);
        List<DefenceResult> results = new ArrayList<>();
        for (Defence d : defences) {
            results.add(measure(d, traces, events));
        }
        return new DefenceEvaluation(device, capture, eventLog, attack, seed, baseline, results);
    }

    /** One defence: its trace, the attack on it, and its cost against what it was applied to. */
    public DefenceResult measure(Defence d, CaptureTraces traces, List<Event> events) {
        PacketTrace in = d.homeWide() ? traces.home() : traces.device();
        PacketTrace out = d.apply(in, seed);
        double extraBytes = in.bytes() == 0 ? 0 : Math.max(0, 100.0 * (out.bytes() - in.bytes()) / in.bytes());
        String setting = d.homeWide() && traces.homeIsDevice() ? d.setting() + " (only this device in the capture)"
                : d.setting();
        return attack(d.name(), setting, out, events, extraBytes, out.size() - in.size(), out.meanDelayNanos() / 1e6);
    }

    private DefenceResult attack(String name, String setting, PacketTrace trace, List<Event> events, double extraBytes,
            long extraPackets, double latencyMillis) {
        List<LabeledSample> samples = samples(trace, events);
        Map<String, Integer> counts = new TreeMap<>();
        samples.forEach(s -> counts.merge(s.label(), 1, Integer::sum));
        double majority = samples.isEmpty() ? 0
                : (double) counts.values().stream().mapToInt(Integer::intValue).max().orElse(0) / samples.size();
        double accuracy = Double.NaN;
        double recall = Double.NaN;
        double falseAlarms = Double.NaN;
        if (counts.values().stream().anyMatch(c -> c >= 2)) {
            Evaluation e = new Evaluator(trainer, null, new int[0]).evaluate(samples, repeats, seed);
            accuracy = e.accuracy();
            recall = e.reading().eventsRead();
            falseAlarms = e.reading().falseAlarmRate();
        }
        LeakageResult leakage = new Leakage(seed).measure(samples);
        LeakageFigures all = leakage.all();
        LeakageFigures ev = leakage.events();
        return new DefenceResult(name, setting, accuracy, recall, falseAlarms, majority, samples.size(), extraBytes, extraPackets,
                latencyMillis, all == null ? null : new DefenceResult.Leakage(all.bits(), all.entropyBits(),
                        all.bestAccuracy().value(), ev == null ? null : ev.bits(), ev == null ? Double.NaN : ev.entropyBits()));
    }

    /** The labelled bursts the adversary cuts from {@code trace}, each with its trigger. */
    public List<LabeledSample> samples(PacketTrace trace, List<Event> events) {
        EventPairer pairer = new EventPairer(events, windowNanos);
        List<LabeledSample> out = new ArrayList<>();
        BurstSegmenter segmenter = new BurstSegmenter(gapNanos, BurstSegmenter.DEFAULT_MAX_PACKETS,
                b -> out.add(LabeledSample.of(pairer.pair(b))));
        for (int i = 0; i < trace.size(); i++) {
            segmenter.add(trace.time(i), i + 1, trace.length(i));
        }
        segmenter.flush();
        return out;
    }
}
