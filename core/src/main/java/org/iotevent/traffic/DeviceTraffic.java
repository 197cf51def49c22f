package org.iotevent.traffic;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.iotevent.capture.CaptureRecord;
import org.iotevent.capture.LinkType;
import org.iotevent.capture.PacketSource;
import org.iotevent.decode.DecodedPacket;
import org.iotevent.decode.LinkDecoder;
import org.iotevent.decode.PacketDecoder;
import org.iotevent.decode.Status;

/**
 * One streaming pass: read, decode, select the device's packets, segment into bursts. Used alike by
 * training, detection and evaluation, so they cut bursts identically. Every packet's time advances
 * the segmenter, so a burst closes as soon as packet time has moved {@code a} past it.
 */
public final class DeviceTraffic {
    private DeviceTraffic() {}

    /**
     * Runs the pass to the end of {@code source}, then flushes the segmenter.
     *
     * @throws IOException when the capture cannot be read on; the bursts before the fault have
     *     been delivered, the open one is not
     */
    public static TrafficStats run(PacketSource source, PacketDecoder decoder, DeviceView view, BurstSegmenter segmenter)
            throws IOException {
        return runAll(source, decoder, List.of(view), List.of(segmenter)).get(0);
    }

    /**
     * One pass for a whole home: every packet is decoded once and offered to every device's
     * view, and each device's packets go to its own segmenter, so devices whose traffic
     * interleaves are still cut separately (each with its own {@code a}). Every packet's time
     * advances every segmenter.
     *
     * @param views one view per device
     * @param segmenters the segmenter of each view, same order and size
     * @return the statistics of each device, in the views' order
     * @throws IOException when the capture cannot be read on; the bursts before the fault have
     *     been delivered, the open ones are not
     */
    public static List<TrafficStats> runAll(PacketSource source, PacketDecoder decoder, List<DeviceView> views,
            List<BurstSegmenter> segmenters) throws IOException {
        return runAll(source, decoder, views, segmenters, null);
    }

    /** Sees every record of the pass, with which devices' views kept it, before the segmenters do. */
    public interface PacketObserver {
        /**
         * @param record the record (a reused view: copy what must outlive the call)
         * @param packet the record decoded (a reused view); for a record without time, not decoded; a
         *     record that carries several packets (an A-MSDU's subframes) is shown once per packet,
         *     {@code packet.wlanSubframe} counting from 0
         * @param signedLengths per device, the packet's signed length, 0 when the device's view
         *     did not keep it (a reused array)
         */
        void packet(CaptureRecord record, DecodedPacket packet, int[] signedLengths) throws IOException;

        /**
         * As {@link #packet(CaptureRecord, DecodedPacket, int[])}, also told which devices kept the
         * packet, for an observer that looks at those only.
         *
         * @param kept the indices of the devices whose signed length is not 0, ascending: the first
         *     {@code keptCount} (a reused array)
         */
        default void packet(CaptureRecord record, DecodedPacket packet, int[] signedLengths, int[] kept, int keptCount)
                throws IOException {
            packet(record, packet, signedLengths);
        }

        /**
         * True when the observer does nothing with a packet that no view kept: a pass may then skip
         * decoding packets that cannot be any device's (and not show them).
         */
        default boolean keptOnly() {
            return false;
        }
    }

    /** As {@link #runAll(PacketSource, PacketDecoder, List, List)}, showing each record to {@code observer} (or null). */
    public static List<TrafficStats> runAll(PacketSource source, PacketDecoder decoder, List<DeviceView> views,
            List<BurstSegmenter> segmenters, PacketObserver observer) throws IOException {
        if (views.isEmpty() || views.size() != segmenters.size()) {
            throw new IllegalArgumentException("need one segmenter per device view, found " + views.size() + " views and "
                    + segmenters.size() + " segmenters");
        }
        return pass(source, decoder, views, segmenters, observer);
    }

    /**
     * The pass of {@link #runAll(PacketSource, PacketDecoder, List, List, PacketObserver)} without
     * cutting bursts: each record only shown to {@code observer}, with what the views kept.
     */
    public static List<TrafficStats> observe(PacketSource source, PacketDecoder decoder, List<DeviceView> views,
            PacketObserver observer) throws IOException {
        if (views.isEmpty() || observer == null) {
            throw new IllegalArgumentException("an observed pass needs a device view and an observer");
        }
        return pass(source, decoder, views, List.of(), observer);
    }

    /** The pass: {@code segmenters} is one per view, or empty for an observed pass. */
    private static List<TrafficStats> pass(PacketSource source, PacketDecoder decoder, List<DeviceView> views,
            List<BurstSegmenter> segmenters, PacketObserver observer) throws IOException {
        Pass pass = new Pass(views, segmenters, observer);
        // the decoder's own reading of an Ethernet IPv4 header, so a packet it shows no view keeps is not decoded
        boolean skipping = decoder instanceof LinkDecoder && pass.ipOnly && (observer == null || observer.keptOnly());
        DeviceView[] vs = pass.views;
        long[] before = new long[vs.length];
        for (int d = 0; d < vs.length; d++) {
            before[d] = vs[d].devicePackets();
        }
        CaptureRecord record = new CaptureRecord();
        DecodedPacket packet = new DecodedPacket();
        long packets = 0;
        long untimed = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        while (source.next(record)) {
            packets++;
            if (!record.hasTimestamp) {
                untimed++;
                if (observer != null) {
                    java.util.Arrays.fill(pass.signed, 0);
                    observer.packet(record, packet, pass.signed);
                }
                continue;
            }
            long t = record.timestampNanos;
            first = Math.min(first, t);
            last = Math.max(last, t);
            if (skipping && pass.checking() && pass.namesNoDevice(record)) {
                pass.timePasses(t);
            } else {
                decoder.forEachPacket(record, packet, pass);
            }
        }
        List<TrafficStats> stats = new ArrayList<>(vs.length);
        for (BurstSegmenter s : pass.segmenters) {
            s.flush();
        }
        for (int d = 0; d < vs.length; d++) {
            stats.add(new TrafficStats(packets, vs[d].devicePackets() - before[d], pass.undecodable, untimed, first, last));
        }
        return stats;
    }

    /** Packets a round of {@code Pass#namesNoDevice}'s checks, after which it pauses when under a quarter paid. */
    private static final int CHECKS = 4096;

    /** Bytes of an Ethernet II header and an IPv4 header up to the end of its destination address. */
    private static final int ETHERNET_IPV4_ADDRESSES_END = 14 + 20;

    /** What the pass does with each decoded packet: the devices' views, the observer, the segmenters. */
    private static final class Pass implements PacketDecoder.Step<IOException> {
        final DeviceView[] views;
        final BurstSegmenter[] segmenters;
        private final PacketObserver observer;
        /** Per device, the packet's signed length (0: not the device's). */
        final int[] signed;
        // a view of one IP address keeps no packet without that address: compared here, not called
        private final boolean[] byIp;
        private final long[] ipHi;
        private final long[] ipLo;
        /** Per device: no open burst closes before this time, so until then a packet of another device needs no advance. */
        private final long[] deadlines;
        /** At most the least of {@link #deadlines}: before it, only the devices that keep a packet need their segmenter. */
        private long earliest = Long.MIN_VALUE;
        /** The devices that kept the current packet, in order: the first {@link #keeping}. */
        private final int[] kept;
        private int keeping;
        /**
         * Per 64 devices and per value of an address key's last byte, a bit for each device whose
         * view may keep a packet with that address: a view of one IP address ending in that byte,
         * and every view of another kind. A packet's two addresses find its few candidates without
         * comparing each view's address (which device a packet is varies unpredictably).
         */
        private final long[][] candidates;
        /** True when every view selects one IP address. */
        final boolean ipOnly;
        /** Of the last {@link #CHECKS} packets checked by {@link #namesNoDevice}, how many and how many named no device. */
        private int checked;
        private int skipped;
        /** Packets still to decode without the check, after a round where it rarely paid. */
        private int unchecked;
        long undecodable;

        Pass(List<DeviceView> views, List<BurstSegmenter> segmenters, PacketObserver observer) {
            this.views = views.toArray(DeviceView[]::new);
            this.segmenters = segmenters.toArray(BurstSegmenter[]::new);
            this.observer = observer;
            int n = this.views.length;
            signed = new int[n];
            byIp = new boolean[n];
            ipHi = new long[n];
            ipLo = new long[n];
            for (int d = 0; d < n; d++) {
                DeviceSelector sel = this.views[d].selector();
                byIp[d] = sel.kind() == DeviceSelector.Kind.IP;
                ipHi[d] = byIp[d] ? sel.ipHi() : 0;
                ipLo[d] = byIp[d] ? sel.ipLo() : 0;
            }
            kept = new int[n];
            candidates = new long[(n + 63) / 64][256];
            for (int d = 0; d < n; d++) {
                long bit = 1L << (d & 63);
                long[] table = candidates[d >> 6];
                if (byIp[d]) {
                    table[(int) ipLo[d] & 0xFF] |= bit;
                } else {
                    for (int b = 0; b < table.length; b++) {
                        table[b] |= bit;
                    }
                }
            }
            boolean allIp = true;
            for (boolean b : byIp) {
                allIp &= b;
            }
            ipOnly = allIp;
            deadlines = new long[this.segmenters.length];
            for (int d = 0; d < deadlines.length; d++) {
                deadlines[d] = this.segmenters[d].deadline();
            }
        }

        /** False while {@link #namesNoDevice} pauses (counting the packet); small, so the pass's loop inlines it. */
        boolean checking() {
            if (unchecked > 0) {
                unchecked--;
                return false;
            }
            return true;
        }

        /**
         * True when {@code r} is an Ethernet II frame of IPv4 without VLAN tag or IP options whose
         * addresses are no device's: decoded, no view of one IP address would keep it (the decoder
         * reads its addresses from these bytes; only options can change the destination).
         */
        boolean namesNoDevice(CaptureRecord r) {
            if (++checked == CHECKS) {
                // most packets are the devices' (a whole home watched): the check would cost more than it saves
                unchecked = skipped < CHECKS / 4 ? CHECKS * 16 : 0;
                checked = 0;
                skipped = 0;
            }
            if (r.linkType != LinkType.ETHERNET || r.capturedLength < ETHERNET_IPV4_ADDRESSES_END) {
                return false;
            }
            java.nio.ByteBuffer b = r.data;
            int o = r.dataOffset;
            if (b.getShort(o + 12) != 0x0800 || b.get(o + 14) != 0x45) {
                return false;
            }
            long srcLo = Addresses.keyLo(4, Integer.toUnsignedLong(b.getInt(o + 26)));
            long dstLo = Addresses.keyLo(4, Integer.toUnsignedLong(b.getInt(o + 30)));
            for (int d = 0; d < ipLo.length; d++) {
                if (ipHi[d] == 0 && (srcLo == ipLo[d] || dstLo == ipLo[d])) {
                    return false;
                }
            }
            skipped++;
            return true;
        }

        /** A packet no device keeps, at {@code t}: only the bursts it shows over close. */
        void timePasses(long t) {
            if (t > earliest) {
                forgetKept();
                catchUp(t, 0);
            }
        }

        /** Sets the signed lengths of the last packet's devices back to 0 (the others are 0 already). */
        private void forgetKept() {
            for (int i = 0; i < keeping; i++) {
                signed[kept[i]] = 0;
            }
            keeping = 0;
        }

        /**
         * Packet time {@code t} is past {@link #earliest}, so a burst may close: every device in
         * order, those that keep the packet (frame {@code frame}, {@link #signed}) given it, the
         * others advanced.
         */
        private void catchUp(long t, long frame) {
            BurstSegmenter[] ss = segmenters;
            long least = Long.MAX_VALUE;
            for (int d = 0; d < ss.length; d++) {
                if (signed[d] != 0) {
                    ss[d].add(t, frame, signed[d]);
                    deadlines[d] = ss[d].deadline();
                } else if (t > deadlines[d]) {
                    ss[d].advance(t);
                    deadlines[d] = ss[d].deadline();
                }
                least = Math.min(least, deadlines[d]);
            }
            earliest = least;
        }

        @Override
        public void packet(DecodedPacket packet) throws IOException {
            if (packet.wlanSubframe <= 0 && packet.status != Status.OK) {
                undecodable++; // a record, not each of its subframes
            }
            int v = packet.ipVersion;
            long srcHi = Addresses.keyHi(v, packet.ipSrcHi);
            long srcLo = Addresses.keyLo(v, packet.ipSrcLo);
            long dstHi = Addresses.keyHi(v, packet.ipDstHi);
            long dstLo = Addresses.keyLo(v, packet.ipDstLo);
            forgetKept();
            int[] signed = this.signed;
            DeviceView[] vs = views;
            int keeping = 0;
            int srcByte = (int) srcLo & 0xFF;
            int dstByte = (int) dstLo & 0xFF;
            for (int chunk = 0; chunk < candidates.length; chunk++) {
                long[] table = candidates[chunk];
                // in device order: the views whose address ends as the packet's source or destination, and the others
                for (long bits = table[srcByte] | table[dstByte]; bits != 0; bits &= bits - 1) {
                    int d = (chunk << 6) + Long.numberOfTrailingZeros(bits);
                    int s;
                    if (byIp[d]) {
                        // the view's own address comparison, on the keys worked out once for all views
                        int direction = v == 0 ? 0 : DeviceView.ipDirection(srcHi, srcLo, dstHi, dstLo, ipHi[d], ipLo[d]);
                        s = direction == 0 ? 0 : vs[d].signedLength(packet, direction);
                    } else {
                        s = vs[d].signedLength(packet);
                    }
                    if (s != 0) {
                        signed[d] = s;
                        kept[keeping++] = d;
                    }
                }
            }
            this.keeping = keeping;
            CaptureRecord record = packet.record;
            if (observer != null) {
                observer.packet(record, packet, signed, kept, keeping);
            }
            long t = record.timestampNanos;
            BurstSegmenter[] ss = segmenters;
            if (t > earliest) {
                catchUp(t, record.frameNumber);
            } else {
                // no burst closes on time alone: only the devices that keep the packet (same order)
                for (int i = 0; i < keeping && ss.length > 0; i++) {
                    int d = kept[i];
                    ss[d].add(t, record.frameNumber, signed[d]);
                    deadlines[d] = ss[d].deadline();
                    earliest = Math.min(earliest, deadlines[d]);
                }
            }
        }
    }
}
