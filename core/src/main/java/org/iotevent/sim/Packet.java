package org.iotevent.sim;

/**
 * One simulated IP packet between a device and a remote host (its cloud or the resolver), as it
 * passes the router; the vantage writers turn it into frames. The transport payload's bytes are
 * shared by the vantage points, and by a retransmission and its original.
 */
final class Packet {
    private static final byte[] EMPTY = new byte[0];
    static final int TCP = 6;
    static final int UDP = 17;
    static final int FIN = 0x01;
    static final int SYN = 0x02;
    static final int PSH = 0x08;
    static final int ACK = 0x10;

    /** Time at the router in nanoseconds since the epoch. */
    long timeNanos;
    /** Index of the device in the home. */
    final int device;
    /** True from the device towards the remote host. */
    final boolean fromDevice;
    /** {@link #TCP} or {@link #UDP}. */
    final int protocol;
    final int remoteAddress;
    final int devicePort;
    final int remotePort;
    long seq;
    long ack;
    int tcpFlags;
    int ipId;
    byte[] data = EMPTY;
    int offset;
    int length;
    /** The ground-truth event this packet belongs to, -1 for none. */
    int event = -1;
    /** True for an unrelated packet inside an event's exchange (counted under the event's window). */
    boolean unrelated;
    /** For a lost segment: the sender will send it again (never set on the copy). */
    boolean lost;
    /** Where this segment's sequence number comes from, for a retransmission; else null. */
    Packet original;
    /**
     * 1-based position in the session's packet order, set when the packet leaves the merge: its
     * frame number on LAN and WAN, which write one frame a packet.
     */
    long number;
    /** Its frame number on the WAN side, which does not see the {@link #lanOnly} packets. */
    long wanNumber;
    /**
     * A packet of the LAN alone (DHCP, mDNS, SSDP): the router does not forward it. Its remote
     * address is the router's, or a broadcast or multicast group.
     */
    boolean lanOnly;
    /** Sent before the device has an address (DHCP DISCOVER, REQUEST): from 0.0.0.0. */
    boolean unspecifiedSource;
    /** Position in the order of creation, to break ties in time. */
    long order;
    /** The ground-truth entry of {@link #event}, set before the packet reaches the writers. */
    GroundTruth.Entry truth;
    private int payloadSum = -1;

    Packet(long timeNanos, int device, boolean fromDevice, int protocol, int remoteAddress, int devicePort,
            int remotePort) {
        this.timeNanos = timeNanos;
        this.device = device;
        this.fromDevice = fromDevice;
        this.protocol = protocol;
        this.remoteAddress = remoteAddress;
        this.devicePort = devicePort;
        this.remotePort = remotePort;
    }

    Packet payload(byte[] bytes, int from, int count) {
        data = bytes;
        offset = from;
        length = count;
        return this;
    }

    /** A retransmission of this packet at {@code at}: same payload, same sequence number. */
    Packet copyAt(long at) {
        Packet p = new Packet(at, device, fromDevice, protocol, remoteAddress, devicePort, remotePort);
        p.tcpFlags = tcpFlags;
        p.data = data;
        p.offset = offset;
        p.length = length;
        p.event = event;
        p.unrelated = unrelated;
        p.original = this;
        return p;
    }

    /** Length of the TCP or UDP header in bytes. */
    int transportHeaderLength() {
        return protocol == UDP ? 8 : (tcpFlags & SYN) != 0 ? 24 : 20;
    }

    /** The IPv4 total length in bytes. */
    int ipLength() {
        return 20 + transportHeaderLength() + length;
    }

    /** Computes the payload's checksum sum once, before the packet is shared with the writers' threads. */
    void sealPayload() {
        payloadSum = Checksums.sum(data, offset, length, 0);
    }

    /** One's-complement sum of the payload (16-bit words, big-endian), from {@link #sealPayload()}. */
    int payloadSum() {
        return payloadSum;
    }
}
