package org.iotevent.bench;

import java.io.IOException;
import org.iotevent.capture.CaptureRecord;
import org.iotevent.decode.DecodedPacket;
import org.iotevent.decode.LinkDecoder;
import org.iotevent.traffic.DeviceView;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Per packet of the simulated home, held in memory: {@code decode} every layer, and
 * {@code decodeAndNineViews} that plus the nine devices' views (which packets are whose, their
 * direction and length).
 */
@State(Scope.Thread)
public class DecoderBench extends NanosPerOperation {
    private CaptureRecord[] records;
    private DeviceView[] views;
    private int next;
    private final LinkDecoder decoder = new LinkDecoder();
    private final DecodedPacket packet = new DecodedPacket();

    @Setup
    public void load() throws IOException {
        SimulatedHome home = SimulatedHome.get();
        records = home.records().stream().limit(1_000_000).toArray(CaptureRecord[]::new);
        views = home.selectors.stream().map(DeviceView::new).toArray(DeviceView[]::new);
    }

    private CaptureRecord nextRecord() {
        CaptureRecord r = records[next];
        next = next + 1 == records.length ? 0 : next + 1;
        return r;
    }

    @Benchmark
    public int decode() {
        decoder.decode(nextRecord(), packet);
        return packet.ipLength;
    }

    @Benchmark
    public int decodeAndNineViews() {
        decoder.decode(nextRecord(), packet);
        int sum = 0;
        for (DeviceView v : views) {
            sum += v.signedLength(packet);
        }
        return sum;
    }
}
