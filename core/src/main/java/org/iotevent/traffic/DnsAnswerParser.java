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
 * throws. {@link #walk} shows every record of a response, for finding devices by their names.
 */
public final class DnsAnswerParser {
    private static final int MAX_RECORDS = 64;
    private static final int MAX_POINTERS = 32;
    private static final int MAX_NAME = 255;
    public static final int TYPE_A = 1;
    public static final int TYPE_CNAME = 5;
    public static final int TYPE_PTR = 12;
    public static final int TYPE_TXT = 16;
    public static final int TYPE_AAAA = 28;
    public static final int TYPE_SRV = 33;
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
        List<String> cloudNames = new ArrayList<>();
        int[] learnt = {0};
        walk(buf, offset, length, new Visitor() {
            @Override
            public void question(String name) {
                if (matches(name)) {
                    cloudNames.add(name);
                }
            }

            @Override
            public void record(Reader m, int section, String owner, int type, int rdata, int rdLength) {
                if (section != ANSWER || !(cloudNames.contains(owner) || matches(owner))) {
                    return;
                }
                if (type == TYPE_CNAME) {
                    String target = m.name(rdata);
                    if (target != null) {
                        cloudNames.add(target);
                    }
                } else if (type == TYPE_A && rdLength == 4) {
                    learnt[0] += into.add(0, Addresses.v4Key(Integer.toUnsignedLong(buf.getInt(rdata)))) ? 1 : 0;
                } else if (type == TYPE_AAAA && rdLength == 16) {
                    learnt[0] += into.add(buf.getLong(rdata), buf.getLong(rdata + 8)) ? 1 : 0;
                }
            }
        });
        return learnt[0];
    }

    /** What {@link #walk} shows of a DNS message, in the message's order. */
    public interface Visitor {
        /** A question's name (lower case, no trailing dot). */
        void question(String name);

        /**
         * A resource record of class IN whose data lies inside the message.
         *
         * @param m reads names inside the record's data ({@link Reader#name})
         * @param section {@link #ANSWER}, {@link #AUTHORITY} or {@link #ADDITIONAL}
         * @param rdata the index of the record's data in the buffer
         */
        void record(Reader m, int section, String owner, int type, int rdata, int rdLength);
    }

    /** Answer section of a message. */
    public static final int ANSWER = 1;
    /** Authority section. */
    public static final int AUTHORITY = 2;
    /** Additional section. */
    public static final int ADDITIONAL = 3;

    /**
     * Walks one DNS response (RFC 1035 section 4; also mDNS, RFC 6762): its questions, then every
     * record of class IN (the mDNS cache-flush bit ignored). Queries and error responses show
     * nothing; a malformed record ends the walk.
     */
    public static void walk(ByteBuffer buf, int offset, int length, Visitor visitor) {
        if (length < 12 || offset < 0 || buf.limit() - offset < length) {
            return;
        }
        Reader m = new Reader(buf, offset, offset + length);
        int flags = m.u16(offset + 2);
        if ((flags & 0x8000) == 0 || (flags & 0x000F) != 0) {
            return;
        }
        int questions = m.u16(offset + 4);
        int[] counts = {m.u16(offset + 6), m.u16(offset + 8), m.u16(offset + 10)};
        if (questions + counts[0] > MAX_RECORDS) {
            return;
        }
        int budget = MAX_RECORDS - questions - counts[0];
        counts[1] = Math.min(counts[1], budget);
        counts[2] = Math.min(counts[2], budget - counts[1]);
        int pos = offset + 12;
        for (int q = 0; q < questions; q++) {
            String name = m.name(pos);
            pos = m.skipName(pos);
            if (name == null || pos < 0 || m.end - pos < 4) {
                return;
            }
            pos += 4;
            visitor.question(name);
        }
        for (int section = ANSWER; section <= ADDITIONAL; section++) {
            for (int a = 0; a < counts[section - 1]; a++) {
                String owner = m.name(pos);
                pos = m.skipName(pos);
                if (owner == null || pos < 0 || m.end - pos < 10) {
                    return;
                }
                int type = m.u16(pos);
                int cls = m.u16(pos + 2) & 0x7FFF;
                int rdLength = m.u16(pos + 8);
                int rdata = pos + 10;
                if (m.end - rdata < rdLength) {
                    return;
                }
                pos = rdata + rdLength;
                if (cls == CLASS_IN) {
                    visitor.record(m, section, owner, type, rdata, rdLength);
                }
            }
        }
    }

    /** True when {@code name} is one of the cloud's domain names or a subdomain of one. */
    boolean matches(String name) {
        for (String d : domains) {
            if (Names.under(name, d)) {
                return true;
            }
        }
        return false;
    }

    /** Bounded reads over one message; the buffer's byte order is ignored (DNS is big-endian). */
    public static final class Reader {
        final ByteBuffer buf;
        final int start;
        final int end;

        Reader(ByteBuffer buf, int start, int end) {
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
        public String name(int pos) {
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
