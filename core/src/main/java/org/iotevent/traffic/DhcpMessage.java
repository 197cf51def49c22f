package org.iotevent.traffic;

import java.nio.ByteBuffer;

/**
 * What a DHCP message (RFC 2131, options RFC 2132) tells about its client: the client's MAC
 * address, the host name it gives (option 12), its vendor class (option 60) and parameter request
 * list (option 55, a fingerprint of its DHCP stack), and the address it asks for or is given.
 * Bounded: reads stop at the captured bytes; a malformed message gives null.
 *
 * @param clientMac chaddr when the hardware is Ethernet (htype 1, hlen 6), else -1
 * @param messageType option 53 (1 DISCOVER ... 8 INFORM), 0 when absent
 * @param hostName option 12, printable ASCII, or null
 * @param vendorClass option 60, printable ASCII, or null
 * @param parameterList option 55 as comma-separated codes, or null
 * @param address the address asked for (option 50, or ciaddr), or given (yiaddr in a reply), IPv4 in the low bits; 0 for none
 */
public record DhcpMessage(long clientMac, int messageType, String hostName, String vendorClass, String parameterList,
        long address) {
    private static final int OPTIONS = 240;
    private static final int MAGIC = 0x63825363;

    /** The message in the UDP payload at {@code offset} (ports 67/68), or null when it is not DHCP. */
    public static DhcpMessage parse(ByteBuffer buf, int offset, int length) {
        if (length < OPTIONS || buf.limit() - offset < length || buf.getInt(offset + 236) != MAGIC) {
            return null;
        }
        int op = buf.get(offset) & 0xFF;
        boolean ethernet = buf.get(offset + 1) == 1 && buf.get(offset + 2) == 6;
        long mac = -1;
        if (ethernet) {
            mac = 0;
            for (int i = 0; i < 6; i++) {
                mac = mac << 8 | (buf.get(offset + 28 + i) & 0xFF);
            }
        }
        long address = Integer.toUnsignedLong(buf.getInt(offset + (op == 2 ? 16 : 12)));
        int type = 0;
        String host = null;
        String vendor = null;
        String parameters = null;
        int p = offset + OPTIONS;
        int end = offset + length;
        while (p < end) {
            int code = buf.get(p) & 0xFF;
            if (code == 255) {
                break;
            }
            if (code == 0) {
                p++;
                continue;
            }
            if (end - p < 2) {
                return null;
            }
            int size = buf.get(p + 1) & 0xFF;
            int data = p + 2;
            if (end - data < size) {
                return null;
            }
            switch (code) {
                case 53 -> type = size == 1 ? buf.get(data) & 0xFF : 0;
                case 12 -> host = Text.printable(buf, data, size);
                case 60 -> vendor = Text.printable(buf, data, size);
                case 50 -> address = size == 4 && op == 1 ? Integer.toUnsignedLong(buf.getInt(data)) : address;
                case 55 -> {
                    StringBuilder list = new StringBuilder();
                    for (int i = 0; i < size; i++) {
                        list.append(i == 0 ? "" : ",").append(buf.get(data + i) & 0xFF);
                    }
                    parameters = list.toString();
                }
                default -> { }
            }
            p = data + size;
        }
        return new DhcpMessage(mac, type, host, vendor, parameters, address);
    }
}
