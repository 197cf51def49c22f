package org.iotevent.traffic;

import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * The server name (SNI, RFC 6066 section 3) a TLS client asks for in its ClientHello (RFC 8446
 * section 4.1.2), read from the first TCP segment of a connection. Bounded: every read is checked
 * against the segment's captured bytes; a hello cut by the capture or split over segments gives
 * nothing; never throws.
 */
public final class TlsClientHello {
    private static final int MAX_NAME = 255;

    private TlsClientHello() {}

    /**
     * True when the payload starts like a TLS handshake record holding a ClientHello: a cheap test
     * for the per-packet path before {@link #serverName}.
     */
    public static boolean looksLikeHello(ByteBuffer buf, int offset, int length) {
        return length >= 6 && buf.limit() - offset >= 6 && buf.get(offset) == 22 && buf.get(offset + 1) == 3
                && buf.get(offset + 5) == 1;
    }

    /**
     * The host name of the ClientHello's server_name extension, lower case, or null when the
     * payload is no complete ClientHello or names no host.
     *
     * @param buf the bytes, read with absolute gets
     * @param offset index of the TCP payload in {@code buf}
     * @param length captured bytes of the payload
     */
    public static String serverName(ByteBuffer buf, int offset, int length) {
        if (!looksLikeHello(buf, offset, length) || buf.limit() - offset < length) {
            return null;
        }
        int end = offset + Math.min(length, 5 + u16(buf, offset + 3));
        int p = offset + 9; // record header 5, handshake type 1, length 3
        p += 2 + 32; // client version, random
        if (end - p < 1) {
            return null;
        }
        p += 1 + u8(buf, p); // session id
        if (end - p < 2) {
            return null;
        }
        p += 2 + u16(buf, p); // cipher suites
        if (end - p < 1) {
            return null;
        }
        p += 1 + u8(buf, p); // compression methods
        if (end - p < 2) {
            return null;
        }
        int extensionsEnd = Math.min(end, p + 2 + u16(buf, p));
        p += 2;
        while (extensionsEnd - p >= 4) {
            int type = u16(buf, p);
            int size = u16(buf, p + 2);
            p += 4;
            if (extensionsEnd - p < size) {
                return null;
            }
            if (type == 0) {
                return hostName(buf, p, p + size);
            }
            p += size;
        }
        return null;
    }

    /** The first host_name entry of a server_name_list. */
    private static String hostName(ByteBuffer buf, int p, int end) {
        if (end - p < 2) {
            return null;
        }
        int listEnd = Math.min(end, p + 2 + u16(buf, p));
        p += 2;
        while (listEnd - p >= 3) {
            int kind = u8(buf, p);
            int size = u16(buf, p + 1);
            p += 3;
            if (listEnd - p < size) {
                return null;
            }
            if (kind == 0 && size > 0 && size <= MAX_NAME) {
                StringBuilder name = new StringBuilder(size);
                for (int i = 0; i < size; i++) {
                    int c = u8(buf, p + i);
                    if (c <= 0x20 || c >= 0x7F) {
                        return null;
                    }
                    name.append((char) c);
                }
                return name.toString().toLowerCase(Locale.ROOT);
            }
            p += size;
        }
        return null;
    }

    private static int u8(ByteBuffer buf, int i) {
        return buf.get(i) & 0xFF;
    }

    private static int u16(ByteBuffer buf, int i) {
        return (u8(buf, i) << 8) | u8(buf, i + 1);
    }
}
