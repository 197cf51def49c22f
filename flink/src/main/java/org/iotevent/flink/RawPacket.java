package org.iotevent.flink;

/**
 * A packet record as it arrives (Kafka value or a capture's frame re-encoded): the home and the
 * message of {@link org.iotevent.capture.PacketRecords}. A POJO, so Flink serialises it without Kryo.
 */
public class RawPacket {
    /** The home's id (the Kafka key); null when the record had no key. */
    public String home;
    /** The packet record's bytes. */
    public byte[] value;
    /** Its time on the common timeline, ms (the Kafka record's timestamp). */
    public long timeline;

    public RawPacket() {}

    public RawPacket(String home, byte[] value, long timeline) {
        this.home = home;
        this.value = value;
        this.timeline = timeline;
    }
}
