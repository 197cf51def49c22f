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
import org.iotevent.capture.CaptureRecord;
import org.iotevent.capture.LinkType;
import org.iotevent.capture.PcapWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every 802.11 frame type and subtype in every DS combination, bare and behind radiotap (with
 * and without an FCS), written
 * to a capture and compared with a live tshark: type/subtype, DS bits, protected flag, SA, DA,
 * TA, RA, BSSID, and the IP source of unprotected data. Covers the control subtypes and DS
 * combinations the public capture set lacks. Skips without tshark.
 */
class WlanTsharkTest {
    private static final String[] FIELDS = {"wlan.fc.type_subtype", "wlan.fc.ds", "wlan.fc.protected", "wlan.sa",
        "wlan.da", "wlan.ta", "wlan.ra", "wlan.bssid", "ip.src"};

    @TempDir
    Path dir;

    @Test
    void everyTypeSubtypeAndDsCombinationMatchesTshark() throws IOException, InterruptedException {
        Random random = new Random(7L);
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
        Path bare = write(LinkType.IEEE802_11, frames, 0);
        Path radiotap = write(LinkType.IEEE802_11_RADIOTAP, frames, 1);
        Path radiotapFcs = write(LinkType.IEEE802_11_RADIOTAP, frames, 2);
        for (Path file : List.of(bare, radiotap, radiotapFcs)) {
            int variant = file == bare ? 0 : file == radiotap ? 1 : 2;
            List<String> expected = tshark(file);
            assertThat(expected).hasSize(frames.size());
            List<String> mismatches = new ArrayList<>();
            LinkDecoder decoder = new LinkDecoder();
            DecodedPacket p = new DecodedPacket();
            for (int i = 0; i < frames.size(); i++) {
                byte[] bytes = variant(frames.get(i), variant);
                CaptureRecord r = Packets.record(variant == 0 ? LinkType.IEEE802_11 : LinkType.IEEE802_11_RADIOTAP, bytes);
                decoder.decode(r, p);
                String got = String.join("\t", String.format("0x%04x", p.wlanTypeSubtype),
                        String.format("0x%02x", p.wlanDs), p.wlanProtected ? "1" : "0", AddressFormat.mac(p.linkSrc),
                        AddressFormat.mac(p.linkDst), AddressFormat.mac(p.wlanTa), AddressFormat.mac(p.wlanRa),
                        AddressFormat.mac(p.wlanBssid), AddressFormat.ipSource(p));
                if (!got.equals(expected.get(i))) {
                    mismatches.add("frame " + (i + 1) + "\n  tshark  " + expected.get(i) + "\n  decoder " + got);
                }
            }
            assertThat(mismatches).as("%s", file.getFileName()).isEmpty();
        }
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

    /** 0: the bare frame; 1: behind radiotap (flags none, rate); 2: behind radiotap with an FCS. */
    private static byte[] variant(byte[] frame, int variant) {
        if (variant == 0) {
            return frame;
        }
        if (variant == 1) {
            return concat(hex("00 00 0c00 06000000", "00", "02", "0000"), frame); // flags none, rate, padding
        }
        return concat(hex("00 00 0c00 06000000", "10", "02", "0000"), frame, hex("00000000")); // FCS at end
    }

    private Path write(int linkType, List<byte[]> frames, int variant) throws IOException {
        Path file = dir.resolve("wlan-" + variant + ".pcap");
        try (PcapWriter w = new PcapWriter(Files.newOutputStream(file), linkType)) {
            long t = 1_700_000_000_000_000_000L;
            for (byte[] f : frames) {
                w.write(t++, variant(f, variant));
            }
        }
        return file;
    }

    private static List<String> tshark(Path file) throws IOException, InterruptedException {
        return Tshark.fields(file, FIELDS).stream().map(c -> String.join("\t", c)).toList();
    }
}
