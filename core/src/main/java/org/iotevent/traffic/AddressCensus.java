package org.iotevent.traffic;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.iotevent.capture.CaptureRecord;
import org.iotevent.capture.PacketSource;
import org.iotevent.decode.DecodedPacket;
import org.iotevent.decode.PacketDecoder;

/**
 * Counts the packets of every IP and MAC address in a capture, to suggest a {@code --device} when
 * the one given matched nothing. Holds at most {@value #MAX_ADDRESSES} addresses of each kind.
 */
public final class AddressCensus {
    private static final int MAX_ADDRESSES = 100_000;

    private AddressCensus() {}

    /** An address and the packets it sent or received. */
    public record Entry(String address, long packets) {}

    /**
     * Reads {@code source} to its end (or its first fault) and returns the busiest addresses,
     * IP addresses first, then MAC addresses, each sorted by packets, descending.
     *
     * @param limit how many of each kind to return
     */
    public static List<Entry> busiest(PacketSource source, PacketDecoder decoder, int limit) throws IOException {
        Map<Ip, long[]> ips = new HashMap<>();
        Map<Long, long[]> macs = new HashMap<>();
        CaptureRecord record = new CaptureRecord();
        DecodedPacket p = new DecodedPacket();
        PacketDecoder.Step<RuntimeException> step = q -> {
            if (q.ipVersion != 0) {
                count(ips, new Ip(Addresses.keyHi(q.ipVersion, q.ipSrcHi), Addresses.keyLo(q.ipVersion, q.ipSrcLo)));
                count(ips, new Ip(Addresses.keyHi(q.ipVersion, q.ipDstHi), Addresses.keyLo(q.ipVersion, q.ipDstLo)));
            }
            if (Addresses.unicastMac(q.linkSrc)) {
                count(macs, q.linkSrc);
            }
            if (Addresses.unicastMac(q.linkDst)) {
                count(macs, q.linkDst);
            }
        };
        try {
            while (source.next(record)) {
                decoder.forEachPacket(record, p, step);
            }
        } catch (IOException e) {
            // a damaged capture: the packets read so far are enough for a suggestion
        }
        List<Entry> out = top(ips, limit, Ip::toString);
        out.addAll(top(macs, limit, Addresses::formatMac));
        return out;
    }

    private static <K> void count(Map<K, long[]> counts, K key) {
        long[] c = counts.get(key);
        if (c == null) {
            if (counts.size() >= MAX_ADDRESSES) {
                return;
            }
            counts.put(key, c = new long[1]);
        }
        c[0]++;
    }

    private static <K> List<Entry> top(Map<K, long[]> counts, int limit, java.util.function.Function<K, String> name) {
        List<Entry> all = new ArrayList<>();
        counts.forEach((k, c) -> all.add(new Entry(name.apply(k), c[0])));
        all.sort((x, y) -> x.packets() != y.packets() ? Long.compare(y.packets(), x.packets()) : x.address().compareTo(y.address()));
        return new ArrayList<>(all.subList(0, Math.min(limit, all.size())));
    }
}
