package org.iotevent.flink;

import java.util.Arrays;
import java.util.Map;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.iotevent.detect.Detection;
import org.iotevent.detect.JsonLinesSink;
import org.iotevent.signature.SignatureFormatException;
import org.iotevent.traffic.Burst;

/**
 * Cuts one device of one home into bursts and labels each, keyed by (home, device): a packet more
 * than the gap {@code a} after the burst's latest packet (on the home's capture clock, to the
 * nanosecond, as {@code iotevent detect} cuts) closes the burst; an event-time timer closes it once
 * the watermark has passed its latest packet by more than {@code a} on the common timeline, so no
 * packet that could still join it is to come. One timer per burst, moved lazily (a timer per packet
 * would cost a timer-queue update each). A packet that arrives behind the watermark is still used
 * and also reported on {@link #LATE}. Emits the detection as a JSON line (the CLI's, home first).
 *
 * <p>The cut is {@code traffic.BurstSegmenter}'s (inside {@code detect.DeviceDetector}, the
 * per-device step of the CLI's pipeline): same gap ({@code Signature.gapNanos}), same bound on a
 * burst's packets, labelled by the same {@code detect.Detector}. The open burst lives here as a
 * plain {@link OpenBurst} because Flink checkpoints it per (home, device): a DeviceDetector holds
 * its segmenter and the signature's classifier, which cannot go into keyed state.
 */
final class BurstDetector extends KeyedBroadcastProcessFunction<String, DevicePacket, SignatureUpdate, Detected> {
    static final OutputTag<String> LATE = new OutputTag<>("late-packets") {};

    private final Map<String, byte[]> initial;
    private transient Watchlist watchlist;
    private transient ValueState<OpenBurst> open;

    BurstDetector(Map<String, byte[]> initial) {
        this.initial = initial;
    }

    @Override
    public void open(org.apache.flink.api.common.functions.OpenContext context) {
        watchlist = new Watchlist(initial);
        open = getRuntimeContext().getState(new ValueStateDescriptor<>("burst", OpenBurst.class));
    }

    @Override
    public void processElement(DevicePacket p, ReadOnlyContext ctx, Collector<Detected> out) throws Exception {
        long ts = ctx.timestamp();
        if (ts <= ctx.timerService().currentWatermark()) {
            ctx.output(LATE, p.home + "/" + p.device + " frame " + p.frame + " at timeline " + ts
                    + " ms came behind the watermark " + ctx.timerService().currentWatermark());
        }
        OpenBurst b = open.value();
        if (b != null && p.timeNanos - b.lastNanos > p.gapNanos) {
            emit(p.home, p.device, b, ctx.getBroadcastState(Watchlist.STATE), out);
            b = null;
        }
        if (b == null) {
            b = new OpenBurst();
        }
        b.add(p.timeNanos, p.frame, p.signedLength);
        b.lastTimeline = Math.max(b.lastTimeline, ts);
        if (b.count == Watchlist.MAX_PACKETS) {
            emit(p.home, p.device, b, ctx.getBroadcastState(Watchlist.STATE), out);
            open.clear();
            return;
        }
        // a later packet of this burst is at most a (rounded up) + 1 ms later on the timeline
        b.deadline = Math.max(b.deadline, ts + Math.floorDiv(p.gapNanos + 999_999, 1_000_000) + 1);
        if (b.timer == Long.MIN_VALUE) {
            b.timer = b.deadline;
            ctx.timerService().registerEventTimeTimer(b.timer);
        }
        open.update(b);
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<Detected> out) throws Exception {
        OpenBurst b = open.value();
        if (b == null || b.timer != time) {
            return; // the timer of a burst closed by a packet
        }
        if (b.deadline > time) {
            b.timer = b.deadline;
            ctx.timerService().registerEventTimeTimer(b.timer);
            open.update(b);
            return;
        }
        String key = ctx.getCurrentKey(); // home/device: a device's name (a file's) holds no slash
        int slash = key.lastIndexOf('/');
        emit(key.substring(0, slash), key.substring(slash + 1), b, ctx.getBroadcastState(Watchlist.STATE), out);
        open.clear();
    }

    private void emit(String home, String device, OpenBurst b,
            org.apache.flink.api.common.state.ReadOnlyBroadcastState<String, byte[]> state, Collector<Detected> out)
            throws Exception {
        Watchlist.Watched w = watchlist.devices(state).get(device);
        Burst burst = new Burst(b.startNanos, b.lastNanos, b.firstFrame, b.lastFrame, Arrays.copyOf(b.lengths, b.count));
        Detection d = Detection.of(device, w.signature().device().text(), null, w.detector().detect(burst));
        out.collect(new Detected(home, line(home, d), b.lastTimeline));
    }

    /** The CLI's JSON line of {@code d} with the home first, without the newline. */
    static String line(String home, Detection d) {
        String line = JsonLinesSink.line(d);
        return "{\"home\":" + JsonLinesSink.quote(home) + "," + line.substring(1, line.length() - 1);
    }

    @Override
    public void processBroadcastElement(SignatureUpdate u, Context ctx, Collector<Detected> out) throws Exception {
        try {
            watchlist.update(u, ctx.getBroadcastState(Watchlist.STATE));
        } catch (SignatureFormatException e) {
            // SelectDevices reports it; here it changes nothing either
        }
    }
}
