package org.iotevent.flink;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.iotevent.capture.CaptureRecord;
import org.iotevent.decode.DecodedPacket;
import org.iotevent.detect.Detection;
import org.iotevent.detect.JsonLinesSink;
import org.iotevent.traffic.Burst;

/**
 * The whole detection of a home, keyed by home: its packets selected per watched device ({@link
 * HomeSelection}), cut into bursts and each labelled. The cut is the CLI's ({@link
 * org.iotevent.traffic.BurstRule}, on the home's capture clock to the nanosecond): a packet more
 * than {@code a} after the burst's latest packet closes it, a full burst closes with its last
 * packet; and an event-time timer closes a burst once the watermark has passed its latest packet by
 * more than {@code a} on the common timeline, so no packet that could still join it is to come. The
 * open bursts (with the largest packet's peer, the detection's {@code peer_addr}) are keyed state,
 * one per device, checkpointed. One timer per home at a time, at the earliest deadline of its open
 * bursts (a timer per packet, or per burst, would cost a timer-queue update each). A packet that arrives behind the watermark is still used and also
 * reported on {@link #LATE}. Emits the detection as the CLI's JSON line, home first.
 *
 * <p>Selecting and cutting in one operator keyed by home, rather than cutting keyed by (home,
 * device) after a second shuffle, sends each packet record through the network stack once.
 */
final class HomeDetector extends HomeSelection<Detected> {
    static final OutputTag<String> LATE = new OutputTag<>("late-packets") {};

    private transient MapState<String, OpenBurst> open;
    /** The home's pending timer (timeline ms), none when no burst is open. */
    private transient ValueState<Long> timer;

    HomeDetector(Map<String, byte[]> initial, double maxRate) {
        super(initial, maxRate);
    }

    @Override
    public void open(org.apache.flink.api.common.functions.OpenContext context) throws Exception {
        super.open(context);
        open = getRuntimeContext().getMapState(new MapStateDescriptor<>("bursts", Types.STRING,
                TypeInformation.of(OpenBurst.class)));
        timer = getRuntimeContext().getState(new ValueStateDescriptor<>("timer", Types.LONG));
    }

    @Override
    void selected(String home, Watchlist.Watched w, CaptureRecord record, DecodedPacket packet, int signed,
            ReadOnlyContext ctx, Collector<Detected> out) throws Exception {
        long ts = ctx.timestamp();
        long watermark = ctx.timerService().currentWatermark();
        if (ts <= watermark) {
            ctx.output(LATE, home + "/" + w.device() + " frame " + record.frameNumber + " at timeline " + ts
                    + " ms came behind the watermark " + watermark);
        }
        OpenBurst b = open.get(w.device());
        if (b != null && b.count > 0 && w.rule().cuts(b.lastNanos, record.timestampNanos)) {
            emit(home, w, b, out);
            b.clear();
        }
        if (b == null) {
            b = new OpenBurst();
        }
        b.add(record.timestampNanos, record.frameNumber, signed, packet);
        b.lastTimeline = Math.max(b.lastTimeline, ts);
        if (w.rule().full(b.count)) {
            emit(home, w, b, out);
            b.clear();
        } else {
            // a later packet of this burst is at most a (rounded up) + 1 ms later on the timeline
            b.deadline = Math.max(b.deadline, ts + Math.floorDiv(w.gapNanos() + 999_999, 1_000_000) + 1);
            if (b.count == 1) { // a new burst: a timer must come by its deadline
                Long pending = timer.value();
                if (pending == null || b.deadline < pending) {
                    ctx.timerService().registerEventTimeTimer(b.deadline);
                    timer.update(b.deadline);
                }
            }
        }
        open.put(w.device(), b);
    }

    /**
     * The home's timer: closes every burst whose deadline has passed and sets itself for the earliest
     * of the others. One timer per home rather than per burst: a burst that opens while one is pending
     * that comes no later needs none.
     */
    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<Detected> out) throws Exception {
        Long pending = timer.value();
        if (pending == null || pending > time) {
            return; // superseded by an earlier one, which has set the pending one
        }
        String home = ctx.getCurrentKey();
        long next = Long.MAX_VALUE;
        List<Map.Entry<String, OpenBurst>> due = new ArrayList<>();
        for (Map.Entry<String, OpenBurst> e : open.entries()) {
            OpenBurst b = e.getValue();
            if (b.count > 0 && b.deadline <= time) {
                due.add(e);
            } else if (b.count > 0) {
                next = Math.min(next, b.deadline);
            }
        }
        Map<String, Watchlist.Watched> watched = due.isEmpty() ? Map.of()
                : watchlist.devices(ctx.getBroadcastState(Watchlist.STATE));
        for (Map.Entry<String, OpenBurst> e : due) {
            Watchlist.Watched w = watched.get(e.getKey());
            if (w != null) { // else no signature of this device any longer (not possible today: only added or replaced)
                emit(home, w, e.getValue(), out);
            }
            e.getValue().clear();
            open.put(e.getKey(), e.getValue());
        }
        if (next == Long.MAX_VALUE) {
            timer.clear();
        } else {
            ctx.timerService().registerEventTimeTimer(next);
            timer.update(next);
        }
    }

    private void emit(String home, Watchlist.Watched w, OpenBurst b, Collector<Detected> out) {
        String device = w.device();
        Burst burst = new Burst(b.startNanos, b.lastNanos, b.firstFrame, b.lastFrame, Arrays.copyOf(b.lengths, b.count));
        Detection d = Detection.of(device, w.signature().device().text(), b.peer.address(), w.detector().detect(burst));
        out.collect(new Detected(home, line(home, d), b.lastTimeline));
    }

    /** The CLI's JSON line of {@code d} with the home first, without the newline. */
    static String line(String home, Detection d) {
        String line = JsonLinesSink.line(d);
        return "{\"home\":" + JsonLinesSink.quote(home) + "," + line.substring(1, line.length() - 1);
    }
}
