package org.iotevent.decode;

import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.iotevent.capture.LinkType;

/** Seeded random packets of the non-802.11 link types for the differential tests, some with one header field mutated. */
final class PacketMaker {
    private PacketMaker() {}

    /**
     * One frame of {@code linkType} (Ethernet, SLL, SLL2, NULL, LOOP, raw IP, raw IPv4/IPv6);
     * about a third have one byte of the link or IP header replaced by a random value.
     */
    static byte[] make(Random r, int linkType) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean v6 = linkType == LinkType.IPV6 || (linkType != LinkType.IPV4 && r.nextInt(3) == 0);
        int etherType = v6 ? 0x86DD : 0x0800;
        int vlanTags = r.nextInt(6) == 0 ? 1 + r.nextInt(2) : 0;
        switch (linkType) {
            case LinkType.ETHERNET -> {
                write(out, 0x02, 0, 0, 0, 0, r.nextInt(8), 0x02, 0, 0, 0, 1, r.nextInt(8));
                vlanTags(out, vlanTags, etherType, r);
            }
            case LinkType.LINUX_SLL -> {
                int addressLength = r.nextInt(4) == 0 ? 0 : 6;
                write(out, 0, r.nextInt(5), 0, 1, 0, addressLength, 0x02, 0, 0, 0, 2, r.nextInt(8), 0, 0);
                vlanTags(out, vlanTags, etherType, r);
            }
            case LinkType.LINUX_SLL2 -> {
                write16(out, vlanTags > 0 ? 0x8100 : etherType);
                write(out, 0, 0, 0, 0, 0, 3, 0, 1, r.nextInt(5), 6, 0x02, 0, 0, 0, 3, r.nextInt(8), 0, 0);
                if (vlanTags > 0) {
                    write16(out, r.nextInt(4096));
                    write16(out, etherType);
                }
            }
            case LinkType.NULL -> {
                int family = v6 ? new int[] {24, 28, 30}[r.nextInt(3)] : 2;
                if (r.nextBoolean()) {
                    write(out, family, 0, 0, 0);
                } else {
                    write(out, 0, 0, 0, family);
                }
            }
            case LinkType.LOOP -> write(out, 0, 0, 0, v6 ? new int[] {24, 28, 30}[r.nextInt(3)] : 2);
            default -> { }
        }
        int ipStart = out.size();
        int proto = new int[] {6, 6, 17, 17, v6 ? 58 : 1}[r.nextInt(5)];
        byte[] transport = transport(proto, r);
        if (v6) {
            ipv6(out, proto, transport, r);
        } else {
            ipv4(out, proto, transport, r);
        }
        write(out, new byte[r.nextInt(4) == 0 ? r.nextInt(20) : 0]); // trailer / padding
        byte[] frame = out.toByteArray();
        if (r.nextInt(3) == 0) {
            int from = Math.max(0, ipStart - 8);
            int at = from + r.nextInt(Math.min(68, frame.length - from));
            frame[at] = (byte) r.nextInt(256);
        }
        return frame;
    }

    private static void vlanTags(ByteArrayOutputStream out, int tags, int etherType, Random r) {
        for (int i = 0; i < tags; i++) {
            write16(out, i == 0 && tags == 2 ? 0x88A8 : 0x8100);
            write16(out, r.nextInt(4096));
        }
        write16(out, etherType);
    }

    private static byte[] transport(int proto, Random r) {
        ByteArrayOutputStream t = new ByteArrayOutputStream();
        int payload = r.nextInt(40);
        if (proto == 6) {
            int options = r.nextInt(3) * 4;
            write16(t, 1024 + r.nextInt(60000));
            write16(t, new int[] {80, 443, 8883, 5000}[r.nextInt(4)]);
            write(t, 0, 0, 0, 1, 0, 0, 0, 0, ((20 + options) / 4) << 4, 0x18, 0xFF, 0xFF, 0, 0, 0, 0);
            for (int i = 0; i < options / 4; i++) {
                write(t, 1, 1, 1, 1);
            }
        } else if (proto == 17) {
            write16(t, 1024 + r.nextInt(60000));
            write16(t, new int[] {53, 123, 5353, 1900}[r.nextInt(4)]);
            write16(t, 8 + payload);
            write16(t, 0);
        } else {
            write(t, 8, 0, 0, 0, 0, 1, 0, 1);
        }
        byte[] body = new byte[payload];
        r.nextBytes(body);
        write(t, body);
        return t.toByteArray();
    }

    private static void ipv4(ByteArrayOutputStream out, int proto, byte[] transport, Random r) {
        int options = r.nextInt(4) == 0 ? 4 * (1 + r.nextInt(3)) : 0;
        int fragment = r.nextInt(6) == 0 ? (r.nextBoolean() ? 0x2000 : 0) | r.nextInt(4) * 185 : 0x4000;
        int total = 20 + options + transport.length;
        write(out, 0x40 | (5 + options / 4), 0);
        write16(out, total);
        write16(out, r.nextInt(65536));
        write16(out, fragment);
        write(out, 64, proto, 0, 0, 10, 0, 0, 1 + r.nextInt(200), 192, 168, 1, 1 + r.nextInt(200));
        for (int i = 0; i < options; i++) {
            write(out, i == options - 1 ? 0 : 1);
        }
        write(out, transport);
    }

    private static void ipv6(ByteArrayOutputStream out, int proto, byte[] transport, Random r) {
        ByteArrayOutputStream ext = new ByteArrayOutputStream();
        int[] chain = new int[r.nextInt(3)];
        for (int i = 0; i < chain.length; i++) {
            chain[i] = new int[] {0, 60, 43, 44, 51}[r.nextInt(5)];
        }
        int first = chain.length == 0 ? proto : chain[0];
        for (int i = 0; i < chain.length; i++) {
            int next = i + 1 < chain.length ? chain[i + 1] : proto;
            switch (chain[i]) {
                case 44 -> write(ext, next, 0, 0, r.nextInt(3) == 0 ? 0x17 : 1, 0, 0, 0, 7);
                case 51 -> write(ext, next, 4, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
                case 43 -> { // type 2 routing header (Mobile IPv6): one home address
                    write(ext, next, 2, 2, 1, 0, 0, 0, 0);
                    write(ext, 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9);
                }
                default -> write(ext, next, 0, 1, 4, 0, 0, 0, 0);
            }
        }
        byte[] e = ext.toByteArray();
        write(out, 0x60, 0, 0, 0);
        write16(out, e.length + transport.length);
        write(out, first, 64);
        write(out, 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 + r.nextInt(200));
        write(out, 0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, r.nextInt(3), 1 + r.nextInt(200));
        write(out, e);
        write(out, transport);
    }

    private static void write(ByteArrayOutputStream out, int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
    }

    private static void write(ByteArrayOutputStream out, byte[] bytes) {
        out.write(bytes, 0, bytes.length);
    }

    private static void write16(ByteArrayOutputStream out, int v) {
        out.write(v >>> 8);
        out.write(v);
    }
}
