package org.iotevent.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iotevent.decode.Packets.concat;
import static org.iotevent.decode.Packets.hex;
import static org.iotevent.decode.Packets.ipv4;
import static org.iotevent.decode.Packets.udp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.iotevent.capture.LinkType;
import org.iotevent.capture.PcapWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every 802.11 frame type and subtype in every DS combination, bare and behind radiotap (with
 * and without an FCS), PPI and Prism headers, written
 * to a capture and compared with a live tshark: type/subtype, DS bits, protected flag, SA, DA,
 * TA, RA, BSSID, and the IP source of unprotected data. Covers the control subtypes and DS
 * combinations the test captures lack. Skips without tshark.
 */
class WlanTsharkTest {
    private static final int[] LINK_TYPES = {LinkType.IEEE802_11, LinkType.IEEE802_11_RADIOTAP,
        LinkType.IEEE802_11_RADIOTAP, LinkType.PPI, LinkType.IEEE802_11_PRISM};
    private static final String[] FIELDS = {"wlan.fc.type_subtype", "wlan.fc.ds", "wlan.fc.protected", "wlan.sa",
        "wlan.da", "wlan.ta", "wlan.ra", "wlan.bssid", "ip.src"};

    @TempDir
    Path dir;

    @Test
    void everyTypeSubtypeAndDsCombinationMatchesTshark() throws IOException, InterruptedException {
        List<byte[]> frames = allFrames(new Random(7L));
        for (int variant = 0; variant < LINK_TYPES.length; variant++) {
            Path file = write(LINK_TYPES[variant], frames, variant, null);
            List<String> expected = tshark(file, FIELDS);
            assertThat(expected).hasSize(frames.size());
            List<String> mismatches = new ArrayList<>();
            LinkDecoder decoder = new LinkDecoder();
            DecodedPacket p = new DecodedPacket();
            for (int i = 0; i < frames.size(); i++) {
                decoder.decode(Packets.record(LINK_TYPES[variant], variant(frames.get(i), variant)), p);
                String got = fields(p);
                if (!got.equals(expected.get(i))) {
                    mismatches.add("frame " + (i + 1) + "\n  tshark  " + expected.get(i) + "\n  decoder " + got);
                }
            }
            assertThat(mismatches).as("%s", file.getFileName()).isEmpty();
        }
    }

    /**
     * The same frames behind each radio header, a third with one byte of the first 48 randomised
     * and a fifth cut by a snap length: malformed only where tshark complains, truncated only where
     * the capture cut the frame, not ok on a whole frame only where tshark complains, and the same
     * fields wherever both decode the frame soundly.
     */
    @Test
    void mutatedAndCutFramesAgreeWithTshark() throws IOException, InterruptedException {
        Random random = new Random(8L);
        List<byte[]> frames = allFrames(random);
        String[] fields = Arrays.copyOf(FIELDS, FIELDS.length + 4);
        System.arraycopy(new String[] {"_ws.malformed", "_ws.expert.message", "frame.len", "frame.cap_len"}, 0, fields,
                FIELDS.length, 4);
        int compared = 0;
        for (int variant = 0; variant < LINK_TYPES.length; variant++) {
            List<byte[]> mutated = new ArrayList<>();
            List<Integer> captured = new ArrayList<>();
            for (byte[] f : frames) {
                byte[] m = variant(f, variant);
                if (random.nextInt(3) == 0) {
                    m[random.nextInt(Math.min(48, m.length))] = (byte) random.nextInt(256);
                }
                mutated.add(m);
                captured.add(random.nextInt(5) == 0 ? random.nextInt(m.length + 1) : m.length);
            }
            Path file = write(LINK_TYPES[variant], mutated, -1, captured);
            List<String> expected = tshark(file, fields);
            assertThat(expected).hasSize(frames.size());
            List<String> problems = new ArrayList<>();
            LinkDecoder decoder = new LinkDecoder();
            DecodedPacket p = new DecodedPacket();
            for (int i = 0; i < frames.size(); i++) {
                byte[] m = mutated.get(i);
                decoder.decode(Packets.record(LINK_TYPES[variant], m, captured.get(i), m.length), p);
                String[] t = expected.get(i).split("\t", -1);
                boolean complained = !t[FIELDS.length].isEmpty() || !t[FIELDS.length + 1].isEmpty();
                boolean whole = t[FIELDS.length + 2].equals(t[FIELDS.length + 3]);
                String problem = null;
                if (p.status == Status.MALFORMED && !complained) {
                    problem = "malformed, tshark found nothing wrong";
                } else if (p.status == Status.TRUNCATED && whole) {
                    problem = "truncated, the frame is whole";
                } else if (p.status != Status.OK && whole && !complained) {
                    problem = "not ok, tshark has no complaint";
                } else if (p.status == Status.OK && t[FIELDS.length].isEmpty() && !(p.wlan && p.wlanTypeSubtype < 0)) {
                    // (frames of 802.11 protocol version 1 or 2, which tshark decodes and we do not, are left out)
                    compared++;
                    String want = String.join("\t", Arrays.copyOf(t, FIELDS.length));
                    if (!fields(p).equals(want)) {
                        problem = "fields differ\n  tshark  " + want + "\n  decoder " + fields(p);
                    }
                }
                if (problem != null) {
                    problems.add("frame " + (i + 1) + " [" + p.statusLabel() + "; tshark " + t[FIELDS.length + 1] + "] "
                            + problem);
                }
            }
            assertThat(decoder.guardTrips()).isZero();
            assertThat(problems).as("link type %d", LINK_TYPES[variant]).isEmpty();
        }
        assertThat(compared).as("frames whose fields were compared").isGreaterThan(frames.size() * 2);
    }

    private static String fields(DecodedPacket p) {
        return String.join("\t", p.wlanTypeSubtype < 0 ? "" : String.format("0x%04x", p.wlanTypeSubtype),
                p.wlanTypeSubtype < 0 ? "" : String.format("0x%02x", p.wlanDs),
                p.wlanTypeSubtype < 0 ? "" : p.wlanProtected ? "1" : "0", AddressFormat.mac(p.linkSrc),
                AddressFormat.mac(p.linkDst), AddressFormat.mac(p.wlanTa), AddressFormat.mac(p.wlanRa),
                AddressFormat.mac(p.wlanBssid), AddressFormat.ipSource(p));
    }

    private static List<byte[]> allFrames(Random random) {
        List<byte[]> frames = new ArrayList<>();
        for (int type = 0; type < 3; type++) {
            for (int subtype = 0; subtype < 16; subtype++) {
                if (type == 1 && (subtype == 6 || subtype == 7)) {
                    continue; // control frame extension and wrapper: frames inside frames
                }
                for (int ds = 0; ds < 4; ds++) {
                    for (int protect = 0; protect < 2; protect++) {
                        frames.add(frame(type, subtype, ds, protect == 1, random));
                    }
                }
            }
        }
        return frames;
    }

    /** One frame: MAC header for the type, then a body that fits it. */
    private static byte[] frame(int type, int subtype, int ds, boolean protect, Random random) {
        int flags = ds | (protect ? 0x40 : 0);
        byte[] header = hex(String.format("%02x%02x", (subtype << 4) | (type << 2), flags), "3a01");
        byte[] addresses = new byte[24];
        for (int i = 0; i < 4; i++) {
            addresses[6 * i] = 0x02;
            addresses[6 * i + 5] = (byte) (0x10 * (i + 1) + random.nextInt(16));
        }
        if (type == 1) {
            int length = subtype == 0xC || subtype == 0xD ? 6 : 12;
            byte[] body = subtype == 8 ? hex("0400 0000") : subtype == 9 ? hex("0500 1000", "ffffffffffffffff") : new byte[0];
            return concat(header, Arrays.copyOf(addresses, length), body);
        }
        byte[] three = Arrays.copyOf(addresses, 18);
        byte[] sequence = hex("7002");
        byte[] fourth = type == 2 && ds == 3 ? Arrays.copyOfRange(addresses, 18, 24) : new byte[0];
        byte[] qos = type == 2 && (subtype & 8) != 0 ? hex("0000") : new byte[0];
        byte[] body;
        if (protect) {
            body = concat(hex("0100 0020 00000000"), new byte[24]);
        } else if (type == 2 && (subtype & 4) == 0) {
            body = concat(hex("aaaa03 000000 0800"), ipv4(28, 17, 0), udp(8));
        } else if (type == 0) {
            body = new byte[12];
        } else {
            body = new byte[0];
        }
        return concat(header, three, sequence, fourth, qos, body);
    }

    /**
     * 0: the bare frame; 1: behind radiotap (flags none, rate); 2: behind radiotap with an FCS;
     * 3: behind PPI with an 802.11-Common field; 4: behind a Prism header.
     */
    private static byte[] variant(byte[] frame, int variant) {
        return switch (variant) {
            case 0 -> frame;
            case 1 -> concat(hex("00 00 0c00 06000000", "00", "02", "0000"), frame); // flags none, rate, pad
            case 2 -> concat(hex("00 00 0c00 06000000", "10", "02", "0000"), frame, hex("00000000")); // FCS
            case 3 -> concat(hex("00 00 2000 69000000", "0200 1400", // PPI, DLT 105; 802.11-Common, 20 bytes
                    "0000000000000000 0000 0200 6c09 a000 0000 c4 a0"), frame); // TSFT, flags, rate, channel...
            default -> concat(hex("44000000 90000000", "776c616e30000000 0000000000000000"), // msgcode, msglen, wlan0
                    new byte[120], frame); // ten empty items
        };
    }

    /** Writes the frames (behind the radio header of {@code variant}, unless -1), cut to {@code captured}. */
    private Path write(int linkType, List<byte[]> frames, int variant, List<Integer> captured) throws IOException {
        Path file = dir.resolve("wlan-" + linkType + "-" + variant + (captured == null ? "" : "-cut") + ".pcap");
        try (PcapWriter w = new PcapWriter(Files.newOutputStream(file), linkType)) {
            long t = 1_700_000_000_000_000_000L;
            for (int i = 0; i < frames.size(); i++) {
                byte[] f = variant < 0 ? frames.get(i) : variant(frames.get(i), variant);
                w.write(t++, f, 0, captured == null ? f.length : captured.get(i), f.length);
            }
        }
        return file;
    }

    private static List<String> tshark(Path file, String[] fields) throws IOException, InterruptedException {
        return Tshark.fields(file, fields).stream().map(c -> String.join("\t", c)).toList();
    }
}
