package org.iotevent.flink;

import org.iotevent.detect.BurstPeers;

/**
 * One packet of a watched device of a home, all the burst cutting needs: its capture time, frame
 * and signed IP-layer length, the gap {@code a} of the device's signature, and its peer (for the
 * burst's {@code peer_addr}: its largest packet's). Its Flink timestamp is the packet's place on
 * the common timeline (milliseconds).
 */
public class DevicePacket {
    public String home;
    public String device;
    /** Capture time on the home's clock, nanoseconds since the epoch. */
    public long timeNanos;
    public long frame;
    /** IP-layer length, positive towards the device. */
    public int signedLength;
    /** The signature's gap {@code a}, nanoseconds. */
    public long gapNanos;
    /** The other end of the packet, as {@link BurstPeers.Largest} holds it: IP version (0: none), address, MAC. */
    public int peerIpVersion;
    public long peerHi;
    public long peerLo;
    public long peerMac = -1;

    public DevicePacket() {}

    public DevicePacket(String home, String device, long timeNanos, long frame, int signedLength, long gapNanos) {
        this.home = home;
        this.device = device;
        this.timeNanos = timeNanos;
        this.frame = frame;
        this.signedLength = signedLength;
        this.gapNanos = gapNanos;
    }

    /** Takes the peer from {@code one}, which was shown this packet alone. */
    DevicePacket withPeer(BurstPeers.Largest one) {
        peerIpVersion = one.ipVersion;
        peerHi = one.hi;
        peerLo = one.lo;
        peerMac = one.mac;
        return this;
    }

    /** The key of the burst cutting: home and device. */
    public String key() {
        return home + '/' + device;
    }
}
