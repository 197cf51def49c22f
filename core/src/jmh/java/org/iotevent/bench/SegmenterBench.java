package org.iotevent.bench;

import java.io.IOException;
import java.util.List;
import org.iotevent.capture.CaptureRecord;
import org.iotevent.decode.DecodedPacket;
import org.iotevent.decode.LinkDecoder;
import org.iotevent.traffic.BurstSegmenter;
import org.iotevent.traffic.DeviceView;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The nine devices' segmenters, per packet of the home: every packet advances each device's
 * segmenter, a device's own packet joins its burst, each closed burst goes to a blackhole. The
 * packets' times and signed lengths are taken from the capture beforehand (no decoding here).
 */
@State(Scope.Thread)
public class SegmenterBench extends NanosPerOperation {
    private long[] times;
    private long[] frames;
    private int[][] signed;
    private BurstSegmenter[] segmenters;
    private int next;
    private long shift;
    private long span;

    @Setup
    public void load(Blackhole bh) throws IOException {
        SimulatedHome home = SimulatedHome.get();
        List<CaptureRecord> records = home.records();
        DeviceView[] views = home.selectors.stream().map(DeviceView::new).toArray(DeviceView[]::new);
        LinkDecoder decoder = new LinkDecoder();
        DecodedPacket p = new DecodedPacket();
        times = new long[records.size()];
        frames = new long[records.size()];
        signed = new int[records.size()][];
        for (int i = 0; i < records.size(); i++) {
            decoder.decode(records.get(i), p);
            times[i] = records.get(i).timestampNanos;
            frames[i] = records.get(i).frameNumber;
            signed[i] = new int[views.length];
            for (int d = 0; d < views.length; d++) {
                signed[i][d] = views[d].signedLength(p);
            }
        }
        span = times[times.length - 1] - times[0] + 10_000_000_000L;
        segmenters = new BurstSegmenter[views.length];
        for (int d = 0; d < views.length; d++) {
            segmenters[d] = new BurstSegmenter(1_000_000_000L, BurstSegmenter.DEFAULT_MAX_PACKETS, bh::consume);
        }
    }

    @Benchmark
    public void packet() {
        int i = next;
        long t = times[i] + shift;
        int[] s = signed[i];
        for (int d = 0; d < segmenters.length; d++) {
            if (s[d] != 0) {
                segmenters[d].add(t, frames[i], s[d]);
            } else {
                segmenters[d].advance(t);
            }
        }
        if (++next == times.length) {
            next = 0;
            shift += span; // the capture again, later: time keeps moving forward
        }
    }
}
