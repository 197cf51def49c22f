package org.iotevent.flink;

/**
 * One packet of a watched device of a home, all the burst cutting needs: its capture time, frame
 * and signed IP-layer length, and the gap {@code a} of the device's signature. Its Flink timestamp
 * is the packet's place on the common timeline (milliseconds).
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

    public DevicePacket() {}

    public DevicePacket(String home, String device, long timeNanos, long frame, int signedLength, long gapNanos) {
        this.home = home;
        this.device = device;
        this.timeNanos = timeNanos;
        this.frame = frame;
        this.signedLength = signedLength;
        this.gapNanos = gapNanos;
    }

    /** The key of the burst cutting: home and device. */
    public String key() {
        return home + '/' + device;
    }
}
