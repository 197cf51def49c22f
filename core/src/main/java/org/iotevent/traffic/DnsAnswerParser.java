package org.iotevent.traffic;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Learns a device's cloud addresses from DNS responses (RFC 1035 section 4): the A and AAAA
 * records whose owner name is one of the cloud's domain names (or a subdomain), or the target of
 * a CNAME chain starting at one. Bounded and safe on hostile input: every read is checked against
 * the message end, compression pointers may only point backwards and at most 32 are followed per
 * name, at most 64 records are read per message; a malformed message teaches nothing and never
 * throws.
 */
public final class DnsAnswerParser {
    private static final int MAX_RECORDS = 64;
    private static final int MAX_POINTERS = 32;
    private static final int MAX_NAME = 255;
    private static final int TYPE_A = 1;
    private static final int TYPE_CNAME = 5;
    private static final int TYPE_AAAA = 28;
    private static final int CLASS_IN = 1;

    private final List<String> domains;

    /** @param domains cloud domain names, lower case without a trailing dot */
    public DnsAnswerParser(List<String> domains) {
        this.domains = List.copyOf(domains);
    }

    /**
     * Reads one DNS message and adds the cloud addresses it answers to {@code into}.
     *
     * @param buf the bytes, read with absolute gets
     * @param offset index of the DNS header in {@code buf}
     * @param length bytes of the message available (the captured UDP payload)
     * @param into where learnt addresses go
     * @return how many addresses were new to {@code into}
     */
    public int learn(ByteBuffer buf, int offset, int length, AddressSet into) {
        if (length < 12 || offset < 0 || buf.limit() - offset < length) {
            return 0;
        }
        Message m = new Message(buf, offset, offset + length);
        int flags = m.u16(offset + 2);
        if ((flags & 0x8000) == 0 || (flags & 0x000F) != 0) {
            return 0;
        }
        int questions = m.u16(offset + 4);
        int answers = m.u16(offset + 6);
        if (questions + answers > MAX_RECORDS) {
            return 0;
        }
        List<String> cloudNames = new ArrayList<>();
        int pos = offset + 12;
        for (int q = 0; q < questions; q++) {
            String name = m.name(pos);
            pos = m.skipName(pos);
            if (name == null || pos < 0 || m.end - pos < 4) {
                return 0;
            }
            pos += 4;
            if (matches(name)) {
                cloudNames.add(name);
            }
        }
        int learnt = 0;
        for (int a = 0; a < answers; a++) {
            String owner = m.name(pos);
            pos = m.skipName(pos);
            if (owner == null || pos < 0 || m.end - pos < 10) {
                return learnt;
            }
            int type = m.u16(pos);
            int cls = m.u16(pos + 2) & 0x7FFF;
            int rdLength = m.u16(pos + 8);
            int rdata = pos + 10;
            if (m.end - rdata < rdLength) {
                return learnt;
            }
            pos = rdata + rdLength;
            if (cls != CLASS_IN || !(cloudNames.contains(owner) || matches(owner))) {
                continue;
            }
            if (type == TYPE_CNAME) {
                String target = m.name(rdata);
                if (target != null) {
                    cloudNames.add(target);
                }
            } else if (type == TYPE_A && rdLength == 4) {
                learnt += into.add(0, Addresses.v4Key(Integer.toUnsignedLong(buf.getInt(rdata)))) ? 1 : 0;
            } else if (type == TYPE_AAAA && rdLength == 16) {
                learnt += into.add(buf.getLong(rdata), buf.getLong(rdata + 8)) ? 1 : 0;
            }
        }
        return learnt;
    }

    private boolean matches(String name) {
        for (String d : domains) {
            if (name.equals(d) || (name.endsWith(d) && name.charAt(name.length() - d.length() - 1) == '.')) {
                return true;
            }
        }
        return false;
    }

    /** Bounded reads over one message; the buffer's byte order is ignored (DNS is big-endian). */
    private static final class Message {
        final ByteBuffer buf;
        final int start;
        final int end;

        Message(ByteBuffer buf, int start, int end) {
            this.buf = buf;
            this.start = start;
            this.end = end;
        }

        int u8(int i) {
            return buf.get(i) & 0xFF;
        }

        int u16(int i) {
            return (u8(i) << 8) | u8(i + 1);
        }

        /** The index after the name at {@code pos} (a pointer ends it), or -1 when it runs off the end. */
        int skipName(int pos) {
            int p = pos;
            while (p < end) {
                int len = u8(p);
                if (len == 0) {
                    return p + 1;
                }
                if ((len & 0xC0) == 0xC0) {
                    return end - p < 2 ? -1 : p + 2;
                }
                if ((len & 0xC0) != 0) {
                    return -1;
                }
                p += 1 + len;
            }
            return -1;
        }

        /** The dotted lower-case name at {@code pos}, following backward pointers, or null when malformed. */
        String name(int pos) {
            StringBuilder sb = new StringBuilder();
            int p = pos;
            int pointers = 0;
            while (true) {
                if (p >= end) {
                    return null;
                }
                int len = u8(p);
                if (len == 0) {
                    return sb.toString().toLowerCase(Locale.ROOT);
                }
                if ((len & 0xC0) == 0xC0) {
                    if (end - p < 2 || ++pointers > MAX_POINTERS) {
                        return null;
                    }
                    int target = start + (((len & 0x3F) << 8) | u8(p + 1));
                    if (target >= p) {
                        return null;
                    }
                    p = target;
                    continue;
                }
                if ((len & 0xC0) != 0 || end - (p + 1) < len || sb.length() + len + 1 > MAX_NAME) {
                    return null;
                }
                if (sb.length() > 0) {
                    sb.append('.');
                }
                for (int i = 0; i < len; i++) {
                    sb.append((char) u8(p + 1 + i));
                }
                p += 1 + len;
            }
        }
    }
}
