package org.iotevent.evaluate.defence;

import java.io.IOException;
import org.iotevent.capture.CaptureRecord;
import org.iotevent.capture.PacketSource;
import org.iotevent.decode.DecodedPacket;
import org.iotevent.decode.PacketDecoder;
import org.iotevent.traffic.Addresses;
import org.iotevent.traffic.DeviceSelector;
import org.iotevent.traffic.DeviceView;

/**
 * The two traces a defence evaluation needs, read in one pass over a capture: the device's packets
 * (as {@link DeviceView} selects them, so the attack sees what {@code train} and {@code evaluate}
 * see) and the home's packets that cross the uplink (what a tunnel from the router would carry).
 *
 * <p>The home's packets: on a LAN capture (device selected by IP or MAC) every IP packet between a
 * private address (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7, fe80::/10) and a public one,
 * positive towards the private side; on a WAN capture with a router address every IP packet to or
 * from that address. Where neither applies (802.11 frames whose IP layer is encrypted, WAN without
 * a router address) the home's trace is the device's own.
 *
 * @param device the device's packets, with their direction
 * @param home the home's uplink packets, positive towards the home
 * @param homeIsDevice true when the home's trace could not be told apart and is the device's
 * @param packets packets read from the capture
 */
public record CaptureTraces(PacketTrace device, PacketTrace home, boolean homeIsDevice, long packets) {

    /**
     * Reads {@code source} to its end.
     *
     * @throws IOException when the capture cannot be read on
     */
    public static CaptureTraces read(PacketSource source, PacketDecoder decoder, DeviceSelector selector)
            throws IOException {
        DeviceView view = new DeviceView(selector);
        PacketTrace.Builder device = new PacketTrace.Builder();
        PacketTrace.Builder home = new PacketTrace.Builder();
        CaptureRecord record = new CaptureRecord();
        DecodedPacket p = new DecodedPacket();
        long packets = 0;
        long[] kept = new long[2]; // the device's packets, the home's
        // one step for every record (it reads the record's time as each is read)
        PacketDecoder.Step<RuntimeException> step = q -> {
            int signed = view.signedLength(q);
            if (signed != 0) {
                device.add(record.timestampNanos, signed, 0);
                kept[0]++;
            }
            int homeSigned = homeLength(q, selector);
            if (homeSigned != 0) {
                home.add(record.timestampNanos, homeSigned, 0);
                kept[1]++;
            }
        };
        while (source.next(record)) {
            packets++;
            if (!record.hasTimestamp) {
                continue;
            }
            decoder.forEachPacket(record, p, step);
        }
        PacketTrace d = device.build();
        boolean fallback = kept[1] < kept[0];
        return new CaptureTraces(d, fallback ? d : home.build(), fallback, packets);
    }

    private static int homeLength(DecodedPacket p, DeviceSelector selector) {
        if (p.ipVersion == 0 || p.ipLength <= 0) {
            return 0;
        }
        long srcHi = Addresses.keyHi(p.ipVersion, p.ipSrcHi);
        long srcLo = Addresses.keyLo(p.ipVersion, p.ipSrcLo);
        long dstHi = Addresses.keyHi(p.ipVersion, p.ipDstHi);
        long dstLo = Addresses.keyLo(p.ipVersion, p.ipDstLo);
        boolean toHome;
        boolean fromHome;
        if (selector.kind() == DeviceSelector.Kind.WAN) {
            if (!selector.hasIp()) {
                return 0;
            }
            toHome = dstHi == selector.ipHi() && dstLo == selector.ipLo();
            fromHome = srcHi == selector.ipHi() && srcLo == selector.ipLo();
        } else {
            toHome = isPrivate(dstHi, dstLo) && !isPrivate(srcHi, srcLo);
            fromHome = isPrivate(srcHi, srcLo) && !isPrivate(dstHi, dstLo);
        }
        return toHome == fromHome ? 0 : toHome ? p.ipLength : -p.ipLength;
    }

    /** True for private, shared and link-local addresses (RFC 1918, RFC 6598, RFC 4193, RFC 4291). */
    static boolean isPrivate(long hi, long lo) {
        if (Addresses.isV4(hi, lo)) {
            long v4 = lo & 0xFFFF_FFFFL;
            return (v4 >>> 24) == 10 || (v4 >>> 20) == 0xAC1 || (v4 >>> 16) == 0xC0A8 || (v4 >>> 22) == (0x6440 >>> 6)
                    || (v4 >>> 16) == 0xA9FE;
        }
        return (hi >>> 57) == (0xFC >>> 1) || (hi >>> 54) == (0xFE80 >>> 6);
    }
}
