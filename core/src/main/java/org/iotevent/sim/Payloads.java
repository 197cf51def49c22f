package org.iotevent.sim;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.iotevent.sim.DeviceModel.Framing;
import org.iotevent.sim.DeviceModel.MqttKind;

/**
 * Builds transport payloads with real structure: TLS records (with a real ClientHello and
 * ServerHello), MQTT sizes, miIO-style AES-CBC datagrams and DNS messages. Encrypted bytes come
 * from a seeded pool of random bytes.
 */
final class Payloads {
    /** Largest TLS plaintext in one record (RFC 8446 section 5.1). */
    static final int TLS_MAX_PLAINTEXT = 16_384;
    private static final int POOL = 1 << 20;
    private final byte[] pool = new byte[POOL];

    Payloads(long seed) {
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5EED_B17E5L);
        for (int i = 0; i < POOL; i += 8) {
            long v = rng.nextLong();
            for (int j = 0; j < 8; j++) {
                pool[i + j] = (byte) (v >>> (8 * j));
            }
        }
    }

    /** Copies {@code count} random-looking bytes into {@code out} at {@code at}. */
    void fill(byte[] out, int at, int count, SplittableRandom rng) {
        while (count > 0) {
            int n = Math.min(count, POOL / 2);
            System.arraycopy(pool, rng.nextInt(POOL - n + 1), out, at, n);
            at += n;
            count -= n;
        }
    }

    /** Bytes on the wire of a TLS application-data stream carrying {@code plaintext} bytes. */
    static int tlsWireLength(int plaintext, int overhead) {
        int records = Math.max(1, (plaintext + TLS_MAX_PLAINTEXT - 1) / TLS_MAX_PLAINTEXT);
        return plaintext + records * overhead;
    }

    /** TLS 1.3 application-data records (type 23) carrying {@code plaintext} bytes, encrypted. */
    byte[] tlsRecords(int plaintext, int overhead, SplittableRandom rng) {
        byte[] out = new byte[tlsWireLength(plaintext, overhead)];
        int at = 0;
        int left = plaintext;
        do {
            int chunk = Math.min(left, TLS_MAX_PLAINTEXT);
            int body = chunk + overhead - 5;
            at = recordHeader(out, at, 23, body);
            fill(out, at, body, rng);
            at += body;
            left -= chunk;
        } while (left > 0);
        return out;
    }

    private static int recordHeader(byte[] out, int at, int type, int length) {
        out[at] = (byte) type;
        out[at + 1] = 3;
        out[at + 2] = 3;
        out[at + 3] = (byte) (length >>> 8);
        out[at + 4] = (byte) length;
        return at + 5;
    }

    /** Size of an MQTT 3.1.1 control packet with {@code payload} application bytes. */
    static int mqttLength(MqttKind kind, int payload, int topic) {
        int remaining = switch (kind) {
            case PUBLISH -> 2 + topic + 2 + payload;
            case PUBACK -> 2;
            case PINGREQ, PINGRESP -> 0;
            case CONNECT -> 10 + 2 + payload;
            case CONNACK -> 2;
            case SUBSCRIBE -> 2 + 2 + topic + 1;
            case SUBACK -> 3;
        };
        int lengthBytes = remaining < 128 ? 1 : remaining < 16_384 ? 2 : remaining < 2_097_152 ? 3 : 4;
        return 1 + lengthBytes + remaining;
    }

    /** A body of {@code plaintext} bytes PKCS#7-padded to {@code block}, after a clear header, as bytes. */
    byte[] blockFramed(int plaintext, Framing framing, SplittableRandom rng, int deviceId, long uptimeS) {
        int block = framing.blockBytes();
        int body = block == 1 ? plaintext : (plaintext / block + 1) * block;
        int header = framing.headerBytes();
        byte[] out = new byte[header + body];
        fill(out, 0, out.length, rng);
        if (header >= 16) {
            // miIO: magic 0x2131, total length, 4 unknown bytes, device id, stamp, then a 16-byte checksum
            out[0] = 0x21;
            out[1] = 0x31;
            out[2] = (byte) (out.length >>> 8);
            out[3] = (byte) out.length;
            java.util.Arrays.fill(out, 4, 8, (byte) 0);
            putInt(out, 8, deviceId);
            putInt(out, 12, (int) uptimeS);
        }
        return out;
    }

    /** The miIO hello: a 32-byte header alone, all ones after the magic and length. */
    static byte[] miioHello() {
        byte[] out = new byte[32];
        java.util.Arrays.fill(out, (byte) 0xff);
        out[0] = 0x21;
        out[1] = 0x31;
        out[2] = 0;
        out[3] = 32;
        return out;
    }

    private static void putInt(byte[] out, int at, int v) {
        out[at] = (byte) (v >>> 24);
        out[at + 1] = (byte) (v >>> 16);
        out[at + 2] = (byte) (v >>> 8);
        out[at + 3] = (byte) v;
    }

    private static int putShort(byte[] out, int at, int v) {
        out[at] = (byte) (v >>> 8);
        out[at + 1] = (byte) v;
        return at + 2;
    }

    private static int putShorts(byte[] out, int at, int... values) {
        for (int v : values) {
            at = putShort(out, at, v);
        }
        return at;
    }

    /**
     * A TLS 1.3 ClientHello record (RFC 8446 section 4.1.2) naming {@code serverName} (SNI), with
     * X25519 key share, offering TLS_AES_128_GCM_SHA256.
     */
    byte[] clientHello(String serverName, SplittableRandom rng) {
        byte[] sni = serverName.getBytes(StandardCharsets.US_ASCII);
        int extensions = (4 + 2 + 1 + 2 + sni.length) + (4 + 4) + (4 + 4) + (4 + 3) + (4 + 2 + 36) + (4 + 2);
        int hello = 2 + 32 + 1 + 32 + 2 + 4 + 2 + 2 + extensions;
        byte[] out = new byte[5 + 4 + hello];
        int at = 0;
        out[at++] = 22;
        out[at++] = 3;
        out[at++] = 1;
        at = putShort(out, at, 4 + hello);
        at = helloStart(out, at, 1, hello, rng);
        fill(out, at, 32, rng);
        at += 32;
        at = putShorts(out, at, 4, 0x1301, 0x1302);
        out[at++] = 1;
        out[at++] = 0;
        at = putShorts(out, at, extensions, 0x0000, 2 + 1 + 2 + sni.length, 1 + 2 + sni.length);
        out[at++] = 0;
        at = putShort(out, at, sni.length);
        System.arraycopy(sni, 0, out, at, sni.length);
        at += sni.length;
        at = putShorts(out, at, 0x000a, 4, 2, 0x001d, 0x000d, 4, 2, 0x0403, 0x002b, 3);
        out[at++] = 2;
        at = putShorts(out, at, 0x0304, 0x0033, 2 + 36, 36, 0x001d, 32);
        fill(out, at, 32, rng);
        at += 32;
        at = putShort(out, at, 0x002d);
        at = putShort(out, at, 2);
        out[at++] = 1;
        out[at++] = 1;
        assert at == out.length;
        return out;
    }

    /**
     * The start of a ClientHello or ServerHello: handshake type and length, legacy version 1.2, 32
     * random bytes, and the length (32) of the session id that follows.
     */
    private int helloStart(byte[] out, int at, int type, int length, SplittableRandom rng) {
        out[at++] = (byte) type;
        out[at++] = 0;
        at = putShort(out, at, length);
        at = putShort(out, at, 0x0303);
        fill(out, at, 32, rng);
        at += 32;
        out[at++] = 32;
        return at;
    }

    /**
     * The server's first flight: a ServerHello record choosing TLS 1.3, a ChangeCipherSpec record
     * and {@code encrypted} bytes of encrypted handshake (certificate chain and the rest) as
     * application-data records.
     */
    byte[] serverFlight(byte[] clientHello, int encrypted, int overhead, SplittableRandom rng) {
        int hello = 2 + 32 + 1 + 32 + 2 + 1 + 2 + (4 + 2) + (4 + 36);
        byte[] records = tlsRecords(encrypted, overhead, rng);
        byte[] out = new byte[5 + 4 + hello + 6 + records.length];
        int at = recordHeader(out, 0, 22, 4 + hello);
        at = helloStart(out, at, 2, hello, rng);
        System.arraycopy(clientHello, 5 + 4 + 2 + 32 + 1, out, at, 32);
        at += 32;
        at = putShort(out, at, 0x1301);
        out[at++] = 0;
        at = putShorts(out, at, 6 + 40, 0x002b, 2, 0x0304, 0x0033, 36, 0x001d, 32);
        fill(out, at, 32, rng);
        at += 32;
        at = changeCipherSpec(out, at);
        System.arraycopy(records, 0, out, at, records.length);
        return out;
    }

    /** The client's second flight: ChangeCipherSpec and its encrypted Finished. */
    byte[] clientFinished(int overhead, SplittableRandom rng) {
        byte[] fin = tlsRecords(36, overhead, rng);
        byte[] out = new byte[6 + fin.length];
        changeCipherSpec(out, 0);
        System.arraycopy(fin, 0, out, 6, fin.length);
        return out;
    }

    private static int changeCipherSpec(byte[] out, int at) {
        at = recordHeader(out, at, 20, 1);
        out[at] = 1;
        return at + 1;
    }

    /** A DNS query (RFC 1035) for the A record of {@code name}. */
    static byte[] dnsQuery(int id, String name) {
        byte[] qname = encodeName(name);
        byte[] out = new byte[12 + qname.length + 4];
        putShort(out, 0, id);
        putShort(out, 2, 0x0100);
        putShort(out, 4, 1);
        System.arraycopy(qname, 0, out, 12, qname.length);
        int at = 12 + qname.length;
        at = putShort(out, at, 1);
        putShort(out, at, 1);
        return out;
    }

    /** The answer to {@code query}: one A record per address, each naming the question by pointer. */
    static byte[] dnsAnswer(byte[] query, int ttlS, int... addresses) {
        byte[] out = new byte[query.length + 16 * addresses.length];
        System.arraycopy(query, 0, out, 0, query.length);
        putShort(out, 2, 0x8180);
        putShort(out, 6, addresses.length);
        int at = query.length;
        for (int address : addresses) {
            at = putShort(out, at, 0xc00c);
            at = putShort(out, at, 1);
            at = putShort(out, at, 1);
            putInt(out, at, ttlS);
            at += 4;
            at = putShort(out, at, 4);
            putInt(out, at, address);
            at += 4;
        }
        return out;
    }

    /**
     * A DHCP message (RFC 2131; options RFC 2132) of a client with {@code mac}: {@code type} 1
     * DISCOVER or 3 REQUEST from it (host name, vendor class, parameter request list; a REQUEST
     * names the address and the server), 2 OFFER or 5 ACK to it (the address, server, lease).
     */
    static byte[] dhcp(int type, int xid, long mac, String hostName, String vendorClass, int address, int server) {
        byte[] host = hostName == null ? new byte[0] : hostName.getBytes(StandardCharsets.US_ASCII);
        byte[] vendor = vendorClass == null ? new byte[0] : vendorClass.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[300 + host.length + vendor.length];
        boolean reply = type == 2 || type == 5;
        out[0] = (byte) (reply ? 2 : 1);
        out[1] = 1;
        out[2] = 6;
        putInt(out, 4, xid);
        if (reply) {
            putInt(out, 16, address);
            putInt(out, 20, server);
        }
        for (int i = 0; i < 6; i++) {
            out[28 + i] = (byte) (mac >>> (40 - 8 * i));
        }
        putInt(out, 236, 0x63825363);
        int at = 240;
        out[at++] = 53;
        out[at++] = 1;
        out[at++] = (byte) type;
        if (type == 3 || reply) {
            out[at++] = 54;
            out[at++] = 4;
            putInt(out, at, server);
            at += 4;
        }
        if (type == 3) {
            out[at++] = 50;
            out[at++] = 4;
            putInt(out, at, address);
            at += 4;
        }
        if (reply) {
            byte[] lease = {51, 4, 0, 1, 0x51, (byte) 0x80, 1, 4, (byte) 255, (byte) 255, (byte) 255, 0, 3, 4};
            System.arraycopy(lease, 0, out, at, lease.length);
            at += lease.length;
            putInt(out, at, server);
            at += 4;
        } else {
            if (host.length > 0) {
                out[at++] = 12;
                out[at++] = (byte) host.length;
                System.arraycopy(host, 0, out, at, host.length);
                at += host.length;
            }
            if (vendor.length > 0) {
                out[at++] = 60;
                out[at++] = (byte) vendor.length;
                System.arraycopy(vendor, 0, out, at, vendor.length);
                at += vendor.length;
            }
            byte[] parameters = {55, 4, 1, 3, 6, 15};
            System.arraycopy(parameters, 0, out, at, parameters.length);
            at += parameters.length;
        }
        out[at++] = (byte) 255;
        return java.util.Arrays.copyOf(out, Math.max(at, 300));
    }

    /**
     * An unsolicited mDNS response (RFC 6762, 6763) announcing {@code host} at {@code address}:
     * for each service type a PTR to {@code host.TYPE.local} and its SRV on {@code host.local}
     * (port 54321), then the A record of {@code host.local}.
     */
    static byte[] mdnsAnnouncement(String host, List<String> services, int address) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] header = new byte[12];
        putShort(header, 2, 0x8400);
        putShort(header, 6, 2 * services.size() + 1);
        out.writeBytes(header);
        byte[] hostName = encodeName(host + ".local");
        for (String type : services) {
            byte[] instance = encodeName(host + "." + type + ".local");
            out.writeBytes(encodeName(type + ".local"));
            out.writeBytes(record(12, 4500, instance));
            out.writeBytes(instance);
            byte[] srv = new byte[6 + hostName.length];
            putShort(srv, 4, 54321);
            System.arraycopy(hostName, 0, srv, 6, hostName.length);
            out.writeBytes(record(33, 120, srv));
        }
        out.writeBytes(hostName);
        byte[] a = new byte[4];
        putInt(a, 0, address);
        out.writeBytes(record(1, 120, a));
        return out.toByteArray();
    }

    /** Type, class IN (cache flush for unique records), TTL, RDLENGTH and RDATA of a resource record. */
    private static byte[] record(int type, int ttlS, byte[] rdata) {
        byte[] out = new byte[10 + rdata.length];
        putShort(out, 0, type);
        putShort(out, 2, type == 12 ? 1 : 0x8001);
        putInt(out, 4, ttlS);
        putShort(out, 8, rdata.length);
        System.arraycopy(rdata, 0, out, 10, rdata.length);
        return out;
    }

    /** An SSDP NOTIFY ssdp:alive (UPnP Device Architecture 1.1) of the device at {@code address}. */
    static byte[] ssdpNotify(String server, String type, int address, long mac) {
        String location = String.format("http://%d.%d.%d.%d:49153/setup.xml", address >>> 24, address >>> 16 & 0xff,
                address >>> 8 & 0xff, address & 0xff);
        String uuid = String.format("uuid:5f9ec1b3-ed59-49d2-%04x-%012x", (int) (mac & 0xffff), mac);
        return ("NOTIFY * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nCACHE-CONTROL: max-age=1800\r\nLOCATION: "
                + location + "\r\nNT: " + type + "\r\nNTS: ssdp:alive\r\nSERVER: " + server + "\r\nUSN: " + uuid
                + "::" + type + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The IPv6 side's version of a {@link #dnsQuery} or {@link #dnsAnswer} message: the AAAA record
     * asked for, and each A record's address answered as the AAAA record {@code prefix} (12 bytes)
     * + that address (the {@link Vantage#WAN6} addressing). Other messages come back as they are.
     */
    static byte[] dnsAsAaaa(byte[] msg, int off, int len, byte[] prefix) {
        int at = off + 12;
        while (at < off + len && msg[at] != 0) {
            at += (msg[at] & 0xff) + 1;
        }
        int question = at + 5 - off;
        int answers = (msg[off + 6] & 0xff) << 8 | (msg[off + 7] & 0xff);
        if (question > len || (msg[off + 4] & 0xff) << 8 != 0 || msg[off + 5] != 1 || len != question + 16 * answers) {
            return java.util.Arrays.copyOfRange(msg, off, off + len);
        }
        byte[] out = new byte[question + 28 * answers];
        System.arraycopy(msg, off, out, 0, question);
        putShort(out, question - 4, 28);
        for (int i = 0; i < answers; i++) {
            int from = off + question + 16 * i;
            int to = question + 28 * i;
            System.arraycopy(msg, from, out, to, 10);
            putShort(out, to + 2, 28);
            putShort(out, to + 10, 16);
            System.arraycopy(prefix, 0, out, to + 12, 12);
            System.arraycopy(msg, from + 12, out, to + 24, 4);
        }
        return out;
    }

    private static byte[] encodeName(String name) {
        byte[] ascii = name.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[ascii.length + 2];
        int label = 0;
        for (int i = 0; i <= ascii.length; i++) {
            if (i == ascii.length || ascii[i] == '.') {
                out[label] = (byte) (i - label);
                label = i + 1;
            } else {
                out[i + 1] = ascii[i];
            }
        }
        return out;
    }
}
