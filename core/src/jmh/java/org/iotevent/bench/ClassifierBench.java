package org.iotevent.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.iotevent.capture.CaptureReaders;
import org.iotevent.capture.PacketSource;
import org.iotevent.decode.LinkDecoder;
import org.iotevent.signature.Classifier;
import org.iotevent.signature.Prediction;
import org.iotevent.traffic.BurstSegmenter;
import org.iotevent.traffic.DeviceTraffic;
import org.iotevent.traffic.DeviceView;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Each classifier on the bursts of the home, per burst: every device's bursts of the simulated
 * day, each classified by that device's classifier (trained on its 20 triggers per event), in
 * the order they close.
 */
@State(Scope.Thread)
public class ClassifierBench extends NanosPerOperation {
    @Param({"align", "paper"})
    public String classifier;

    private Classifier[] byBurst;
    private int[][] bursts;
    private int next;

    @Setup
    public void load() throws IOException {
        SimulatedHome home = SimulatedHome.get();
        int devices = home.selectors.size();
        Classifier[] classifiers = new Classifier[devices];
        List<Classifier> who = new ArrayList<>();
        List<int[]> lengths = new ArrayList<>();
        List<DeviceView> views = new ArrayList<>();
        List<BurstSegmenter> segmenters = new ArrayList<>();
        for (int d = 0; d < devices; d++) {
            classifiers[d] = home.classifier(classifier, d);
            Classifier c = classifiers[d];
            views.add(new DeviceView(home.selectors.get(d)));
            segmenters.add(new BurstSegmenter(1_000_000_000L, BurstSegmenter.DEFAULT_MAX_PACKETS, b -> {
                who.add(c);
                lengths.add(b.signedLengths());
            }));
        }
        try (PacketSource source = CaptureReaders.open(home.capture)) {
            DeviceTraffic.runAll(source, new LinkDecoder(), views, segmenters);
        }
        byBurst = who.toArray(Classifier[]::new);
        bursts = lengths.toArray(int[][]::new);
    }

    @Benchmark
    public Prediction classify() {
        int i = next;
        next = next + 1 == bursts.length ? 0 : next + 1;
        return byBurst[i].classify(bursts[i]);
    }
}
