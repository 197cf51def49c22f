package org.iotevent.flink;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.iotevent.capture.CaptureRecord;
import org.iotevent.capture.PacketRecords;
import org.iotevent.decode.DecodedPacket;
import org.iotevent.decode.LinkDecoder;
import org.iotevent.signature.SignatureFormatException;
import org.iotevent.traffic.DeviceView;

/**
 * Decodes each packet record of a home and selects every watched device's packets, as {@code
 * iotevent detect} does per capture: one {@link DeviceView} per home and device (its IP, MAC or
 * cloud addresses, duplicates and retransmissions). Keyed by home: a home's records come through
 * one Kafka partition, so its packets arrive in order. What a WAN-side view learns from the
 * traffic (cloud addresses from DNS answers and server names, the connection it follows across
 * reconnections) is keyed state (checkpointed): after a restart the view selects as before,
 * without waiting for the next DNS answer. The views' memory of their last packets (the duplicates
 * and 802.11 retransmissions they drop), which changes with nearly every packet, is written at each
 * checkpoint only ({@link #RECENT}), so a copy of a packet read before the checkpoint is dropped
 * after a restart too. A record that is not a packet record goes to {@link #MALFORMED} with the
 * reason; a signature that fails validation to {@link #REFUSED}.
 *
 * @param <O> what the selected packets become
 */
abstract class HomeSelection<O> extends KeyedBroadcastProcessFunction<String, RawPacket, SignatureUpdate, O>
        implements CheckpointedFunction {
    static final OutputTag<String> MALFORMED = new OutputTag<>("malformed") {};
    static final OutputTag<String> REFUSED = new OutputTag<>("refused-signatures") {};
    /**
     * Per home and device, its view's {@link DeviceView#recentState}: operator state written at each
     * checkpoint from the views themselves (keyed state would cost a write per packet), as a union
     * list, so that after a restart (at any parallelism) each instance takes up its own homes'.
     */
    static final ListStateDescriptor<Tuple3<String, String, long[]>> RECENT = new ListStateDescriptor<>("recent",
            Types.TUPLE(Types.STRING, Types.STRING, PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));

    private final Map<String, byte[]> initial;
    private final double maxRate;
    /** The signatures in force. */
    transient Watchlist watchlist;
    private transient long started;
    private transient long records;
    /** Per home: the views of its devices (rebuilt from {@link #learnt} after a restart). */
    private transient Map<String, Home> homes;
    /** Per home (the key), per device: what its view learnt from the traffic (cloud addresses, the followed connection). */
    private transient MapState<String, long[]> learnt;
    private transient ListState<Tuple3<String, String, long[]>> recent;
    /** After a restore: per home of this instance not seen since, per device, the memory its view takes up. */
    private transient Map<String, Map<String, long[]>> restoredRecent;
    private transient CaptureRecord record;
    private transient DecodedPacket packet;
    private transient LinkDecoder decoder;

    /**
     * @param initial the signatures given at the start
     * @param maxRate records per second per instance at most (a replay at a chosen pace); 0 for no limit
     */
    HomeSelection(Map<String, byte[]> initial, double maxRate) {
        this.initial = initial;
        this.maxRate = maxRate;
    }

    @Override
    public void open(org.apache.flink.api.common.functions.OpenContext context) throws Exception {
        watchlist = new Watchlist(initial);
        homes = new HashMap<>();
        learnt = getRuntimeContext().getMapState(new MapStateDescriptor<>("learnt", Types.STRING,
                PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        record = new CaptureRecord();
        packet = new DecodedPacket();
        decoder = new LinkDecoder();
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        recent = context.getOperatorStateStore().getUnionListState(RECENT);
        restoredRecent = new HashMap<>();
        if (context.isRestored()) {
            TaskInfo task = getRuntimeContext().getTaskInfo();
            for (Tuple3<String, String, long[]> e : recent.get()) {
                if (KeyGroupRangeAssignment.assignKeyToParallelOperator(e.f0, task.getMaxNumberOfParallelSubtasks(),
                        task.getNumberOfParallelSubtasks()) == task.getIndexOfThisSubtask()) {
                    restoredRecent.computeIfAbsent(e.f0, k -> new HashMap<>()).put(e.f1, e.f2);
                }
            }
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        List<Tuple3<String, String, long[]>> all = new ArrayList<>();
        restoredRecent.forEach((home, views) -> views.forEach((device, state) -> all.add(Tuple3.of(home, device, state))));
        homes.forEach((id, home) -> {
            for (int d = 0; d < home.views.length; d++) {
                all.add(Tuple3.of(id, home.devices[d].device(), home.views[d].recentState()));
            }
        });
        recent.update(all);
    }

    /** The key of a packet record: its home ("" for a record without one, reported as malformed). */
    static String home(RawPacket r) {
        return r.home == null ? "" : r.home;
    }

    @Override
    public void processElement(RawPacket raw, ReadOnlyContext ctx, Collector<O> out) throws Exception {
        if (maxRate > 0) {
            started = records++ == 0 ? System.nanoTime() : started;
            long ahead = started + (long) (records * 1e9 / maxRate) - System.nanoTime();
            if (ahead > 0) {
                Thread.sleep(ahead / 1_000_000, (int) (ahead % 1_000_000));
            }
        }
        if (raw.home == null || raw.home.isEmpty()) {
            ctx.output(MALFORMED, "a record without a key: expected the home's id as the key");
            return;
        }
        try {
            PacketRecords.decode(raw.value, record);
        } catch (IllegalArgumentException e) {
            ctx.output(MALFORMED, "home " + raw.home + ": not a packet record: " + e.getMessage());
            return;
        }
        Watchlist.Watched[] devices = watchlist.array(ctx.getBroadcastState(Watchlist.STATE));
        Home home = homes.get(raw.home);
        if (home == null) {
            Map<String, long[]> restored = restoredRecent.remove(raw.home);
            home = new Home(restored == null ? new HashMap<>() : restored);
            homes.put(raw.home, home);
        }
        if (home.devices != devices) {
            home.watch(devices, learnt);
        }
        DeviceView[] views = home.views;
        decoder.forEachPacket(record, packet, p -> { // each subframe of an A-MSDU is a packet of its own
            for (int d = 0; d < views.length; d++) {
                DeviceView view = views[d];
                long before = view.learnt();
                int signed = view.signedLength(p);
                if (view.learnt() != before) {
                    learnt.put(devices[d].device(), view.learntState());
                }
                if (signed != 0) {
                    selected(raw.home, devices[d], record, p, signed, ctx, out);
                }
            }
        });
    }

    /** One home's views, one per watched device, in the watchlist's order. */
    private static final class Home {
        Watchlist.Watched[] devices;
        DeviceView[] views = new DeviceView[0];
        /** Per device, the memory of its last packets its first view takes up (after a restore). */
        final Map<String, long[]> restored;

        Home(Map<String, long[]> restored) {
            this.restored = restored;
        }

        /** Views for {@code now}: a device's view is kept while its signature is; a new one takes up what was learnt. */
        void watch(Watchlist.Watched[] now, MapState<String, long[]> learnt) throws Exception {
            Map<String, DeviceView> before = new HashMap<>();
            for (int o = 0; devices != null && o < devices.length; o++) {
                before.put(devices[o].device(), views[o]);
            }
            DeviceView[] next = new DeviceView[now.length];
            for (int d = 0; d < now.length; d++) {
                DeviceView old = before.get(now[d].device());
                if (old != null && old.selector() == now[d].signature().device()) {
                    next[d] = old;
                    continue;
                }
                // the first view of the device in this instance (maybe after a restart) takes up what was learnt;
                // one whose signature changed starts afresh
                long[] known = old == null ? learnt.get(now[d].device()) : null;
                long[] lastPackets = old == null ? restored.remove(now[d].device()) : null;
                next[d] = new DeviceView(now[d].signature().device());
                if (known != null) {
                    next[d].takeUp(known);
                } else if (old != null) {
                    learnt.remove(now[d].device());
                }
                if (lastPackets != null) {
                    next[d].takeUpRecent(lastPackets);
                }
            }
            devices = now;
            views = next;
        }
    }

    /** One packet of device {@code w} of {@code home}, of signed IP-layer length {@code signed}. */
    abstract void selected(String home, Watchlist.Watched w, CaptureRecord record, DecodedPacket packet, int signed,
            ReadOnlyContext ctx, Collector<O> out) throws Exception;

    @Override
    public void processBroadcastElement(SignatureUpdate u, Context ctx, Collector<O> out) throws Exception {
        try {
            watchlist.update(u, ctx.getBroadcastState(Watchlist.STATE));
        } catch (SignatureFormatException e) {
            if (getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
                ctx.output(REFUSED, "refused, the previous signature of " + u.device + " stays: " + e.getMessage());
            }
        }
    }
}
