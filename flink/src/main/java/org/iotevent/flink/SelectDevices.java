package org.iotevent.flink;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.iotevent.capture.CaptureRecord;
import org.iotevent.capture.PacketRecords;
import org.iotevent.decode.DecodedPacket;
import org.iotevent.decode.LinkDecoder;
import org.iotevent.signature.SignatureFormatException;
import org.iotevent.traffic.DeviceView;

/**
 * Decodes each packet record and hands every watched device's packets on, as {@code iotevent
 * detect} does per capture: one {@link DeviceView} per home and device (its IP, MAC or cloud
 * addresses, duplicates and retransmissions). Runs where the records arrive, before any shuffle:
 * all of a home's records come through one partition, so one instance sees them in order. A record
 * that is not a packet record goes to {@link #MALFORMED} with the reason; a signature that fails
 * validation to {@link #REFUSED}.
 */
final class SelectDevices extends BroadcastProcessFunction<RawPacket, SignatureUpdate, DevicePacket> {
    static final OutputTag<String> MALFORMED = new OutputTag<>("malformed") {};
    static final OutputTag<String> REFUSED = new OutputTag<>("refused-signatures") {};

    private final Map<String, byte[]> initial;
    private final double maxRate;
    private transient Watchlist watchlist;
    private transient long started;
    private transient long records;
    private transient Map<String, Map<String, DeviceView>> views;
    private transient CaptureRecord record;
    private transient DecodedPacket packet;
    private transient LinkDecoder decoder;

    /**
     * @param initial the signatures given at the start
     * @param maxRate records per second per instance at most (a replay at a chosen pace); 0 for no limit
     */
    SelectDevices(Map<String, byte[]> initial, double maxRate) {
        this.initial = initial;
        this.maxRate = maxRate;
    }

    @Override
    public void open(org.apache.flink.api.common.functions.OpenContext context) {
        watchlist = new Watchlist(initial);
        views = new HashMap<>();
        record = new CaptureRecord();
        packet = new DecodedPacket();
        decoder = new LinkDecoder();
    }

    @Override
    public void processElement(RawPacket raw, ReadOnlyContext ctx, Collector<DevicePacket> out) throws Exception {
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
        Map<String, Watchlist.Watched> devices = watchlist.devices(ctx.getBroadcastState(Watchlist.STATE));
        Map<String, DeviceView> home = views.computeIfAbsent(raw.home, h -> new HashMap<>());
        decoder.decode(record, packet);
        do { // each subframe of an A-MSDU is a packet of its own
            for (Watchlist.Watched w : devices.values()) {
                DeviceView view = home.get(w.device());
                if (view == null || view.selector() != w.signature().device()) {
                    view = new DeviceView(w.signature().device());
                    home.put(w.device(), view);
                }
                int signed = view.signedLength(packet);
                if (signed != 0) {
                    out.collect(new DevicePacket(raw.home, w.device(), record.timestampNanos, record.frameNumber,
                            signed, w.gapNanos()));
                }
            }
        } while (decoder.nextSubframe(record, packet));
    }

    @Override
    public void processBroadcastElement(SignatureUpdate u, Context ctx, Collector<DevicePacket> out) throws Exception {
        try {
            watchlist.update(u, ctx.getBroadcastState(Watchlist.STATE));
        } catch (SignatureFormatException e) {
            if (getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
                ctx.output(REFUSED, "refused, the previous signature of " + u.device + " stays: " + e.getMessage());
            }
        }
    }
}
