package org.iotevent.flink;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.iotevent.detect.BurstPeers;
import org.iotevent.detect.Detection;
import org.iotevent.traffic.Burst;

/**
 * The alternative burst cutting, kept to measure it against {@link BurstDetector}: Flink's
 * event-time session windows with the signature's gap, each window's packets put back in capture
 * order and labelled. Windows buffer every packet in list state and merge a window per packet;
 * their gap is in whole milliseconds of the timeline (a gap within 1 ms of {@code a} may cut
 * otherwise than the CLI); and a window function cannot read broadcast state, so only the
 * signatures given at the start apply. The detection names the peer of the burst's largest packet
 * (the first of them), as the timers' and the CLI's do.
 */
final class SessionBursts extends ProcessWindowFunction<DevicePacket, Detected, String, TimeWindow> {
    private final Map<String, byte[]> initial;
    private transient Map<String, Watchlist.Watched> watched;

    SessionBursts(Map<String, byte[]> initial) {
        this.initial = initial;
    }

    @Override
    public void process(String key, Context ctx, Iterable<DevicePacket> packets, Collector<Detected> out) throws Exception {
        if (watched == null) {
            watched = new java.util.HashMap<>();
            for (Map.Entry<String, byte[]> e : initial.entrySet()) {
                watched.put(e.getKey(), Watchlist.parse(e.getKey(), e.getValue()));
            }
        }
        List<DevicePacket> list = new ArrayList<>();
        packets.forEach(list::add);
        list.sort(Comparator.comparingLong(p -> p.frame));
        DevicePacket first = list.get(0);
        int[] lengths = new int[list.size()];
        long last = first.timeNanos;
        DevicePacket largest = first;
        for (int i = 0; i < lengths.length; i++) {
            DevicePacket p = list.get(i);
            lengths[i] = p.signedLength;
            last = Math.max(last, p.timeNanos);
            if (Math.abs(p.signedLength) > Math.abs(largest.signedLength)) {
                largest = p;
            }
        }
        BurstPeers.Largest peer = new BurstPeers.Largest();
        peer.reset(first.frame);
        peer.largest = Math.abs(largest.signedLength);
        peer.ipVersion = largest.peerIpVersion;
        peer.hi = largest.peerHi;
        peer.lo = largest.peerLo;
        peer.mac = largest.peerMac;
        Watchlist.Watched w = watched.get(first.device);
        Burst burst = new Burst(first.timeNanos, last, first.frame, list.get(list.size() - 1).frame, lengths);
        Detection d = Detection.of(first.device, w.signature().device().text(), peer.address(),
                w.detector().detect(burst));
        out.collect(new Detected(first.home, HomeDetector.line(first.home, d), ctx.window().maxTimestamp()));
    }
}
