package org.iotevent.decode;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.iotevent.capture.CaptureRecord;
import org.iotevent.capture.LinkType;

/**
 * IEEE 802.11 frames (IEEE Std 802.11-2020, clause 9) and the radio headers before them:
 * radiotap (radiotap.org), PPI (PPI Header Format 1.0.10) and Prism (AVS wlan-ng). Addresses are
 * assigned as tshark 4.0 assigns wlan.sa/da/ta/ra/bssid.
 */
final class WlanDecoder {
    private static final int TYPE_MANAGEMENT = 0;
    private static final int TYPE_CONTROL = 1;
    private static final int TYPE_DATA = 2;

    private static final int FLAG_PROTECTED = 0x40;
    private static final int FLAG_RETRY = 0x08;
    private static final int FLAG_ORDER = 0x80;

    private static final int RADIOTAP_FLAG_FCS = 0x10;
    private static final int RADIOTAP_FLAG_DATA_PAD = 0x20;
    private static final int RADIOTAP_FLAG_BAD_FCS = 0x40;
    private static final int PPI_FIELD_80211_COMMON = 2;
    private static final int PPI_FLAG_FCS = 0x0001;
    private static final int PPI_FLAG_BAD_FCS = 0x0004;
    private static final int MAX_PRESENT_WORDS = 64;
    private static final long AVS_MAGIC_V1 = 0x8021_1000L;
    private static final long AVS_MAGIC_V2 = 0x8021_1001L;
    private static final long PRISM_MSGCODE_1 = 0x44;
    private static final long PRISM_MSGCODE_2 = 0x41;
    /** Message code, length, device name (16) and ten 12-byte items. */
    private static final int PRISM_HEADER_LENGTH = 144;

    private final Frame f;
    private final LinkDecoder link;

    WlanDecoder(Frame frame, LinkDecoder link) {
        this.f = frame;
        this.link = link;
    }

    /** Radiotap header at offset 0, then the 802.11 frame. */
    void radiotap() {
        DecodedPacket p = f.out;
        p.wlanLayer = true;
        p.wlan = true;
        int end = f.wireEnd;
        if (!f.has(0, 8, end, Layer.RADIOTAP)) {
            return;
        }
        if (f.u8(0) != 0) {
            return; // a radiotap version other than 0: its layout is unknown (tshark stops here too)
        }
        int length = f.u16Le(2);
        if (length < 8) {
            p.stop(Status.MALFORMED, Layer.RADIOTAP);
            return;
        }
        if (!f.has(0, length, end, Layer.RADIOTAP)) {
            return;
        }
        long firstPresent = f.u32Le(4);
        int at = 4;
        long present = firstPresent;
        for (int words = 1; (present & 0x8000_0000L) != 0; words++) {
            at += 4;
            if (words >= MAX_PRESENT_WORDS || at + 4 > length) {
                p.stop(Status.MALFORMED, Layer.RADIOTAP);
                return;
            }
            present = f.u32Le(at);
        }
        at += 4;
        int flags = 0;
        if ((firstPresent & 1) != 0) {
            at = (at + 7) & ~7;
            at += 8;
        }
        if ((firstPresent & 2) != 0) {
            if (at >= length) {
                p.stop(Status.MALFORMED, Layer.RADIOTAP);
                return;
            }
            flags = f.u8(at);
        }
        p.wlanBadFcs = (flags & RADIOTAP_FLAG_BAD_FCS) != 0;
        frame(length, (flags & RADIOTAP_FLAG_FCS) != 0 ? 4 : 0, (flags & RADIOTAP_FLAG_DATA_PAD) != 0);
    }

    /** PPI header at offset 0, then the frame of its DLT (802.11, or Ethernet). */
    void ppi() {
        DecodedPacket p = f.out;
        p.wlanLayer = true;
        int end = f.wireEnd;
        if (!f.has(0, 8, end, Layer.PPI)) {
            return;
        }
        int length = f.u16Le(2);
        int dlt = (int) f.u32Le(4);
        if (f.u8(0) != 0 || length < 8) {
            p.stop(Status.MALFORMED, Layer.PPI);
            return;
        }
        if (!f.has(0, length, end, Layer.PPI)) {
            return;
        }
        int fcsFlags = 0;
        int at = 8;
        while (length - at >= 4) {
            int type = f.u16Le(at);
            int fieldLength = f.u16Le(at + 2);
            if (fieldLength > length - at - 4) {
                p.stop(Status.MALFORMED, Layer.PPI);
                return;
            }
            if (type == PPI_FIELD_80211_COMMON && fieldLength >= 10) {
                fcsFlags = f.u16Le(at + 4 + 8);
            }
            at += 4 + fieldLength;
        }
        if (dlt == LinkType.IEEE802_11) {
            p.wlan = true;
            p.wlanBadFcs = (fcsFlags & PPI_FLAG_BAD_FCS) != 0;
            frame(length, (fcsFlags & PPI_FLAG_FCS) != 0 ? 4 : 0, false);
        } else if (dlt == LinkType.ETHERNET) {
            link.ethernet(length, end);
        }
    }

    /**
     * Link type 119, read as tshark reads it: an AVS header (magic 0x80211000/1, its length at
     * offset 4, big-endian), a Prism header (message code 0x44 or 0x41, little-endian: fixed
     * 144 bytes, whatever its length field says), or else no radio header at all.
     */
    void prism() {
        DecodedPacket p = f.out;
        p.wlanLayer = true;
        p.wlan = true;
        int end = f.wireEnd;
        if (!f.has(0, 4, end, Layer.PRISM)) {
            return;
        }
        long magic = f.u32Be(0);
        if (magic == AVS_MAGIC_V1 || magic == AVS_MAGIC_V2) {
            if (!f.has(0, 8, end, Layer.PRISM)) {
                return;
            }
            long length = f.u32Be(4);
            if (length < 8 || length > end) {
                p.stop(Status.MALFORMED, Layer.PRISM);
                return;
            }
            if (f.has(0, (int) length, end, Layer.PRISM)) {
                frame((int) length, f.fileFcsLength, false);
            }
            return;
        }
        long code = f.u32Le(0);
        if (code != PRISM_MSGCODE_1 && code != PRISM_MSGCODE_2) {
            frame(0, f.fileFcsLength, false);
            return;
        }
        if (f.has(0, PRISM_HEADER_LENGTH, end, Layer.PRISM)) {
            frame(PRISM_HEADER_LENGTH, f.fileFcsLength, false);
        }
    }

    /**
     * A bare 802.11 frame at offset 0 (link type 105): with an FCS only when the file says so, as
     * tshark assumes by default.
     */
    void bare() {
        f.out.wlanLayer = true;
        f.out.wlan = true;
        frame(0, f.fileFcsLength, false);
    }

    /**
     * The 802.11 MAC header at {@code off}, followed at the end by {@code fcsLength} bytes of FCS,
     * then the body: LLC/SNAP and IP for unprotected data,
     * the cipher header for protected frames.
     */
    private void frame(int off, int fcsLength, boolean dataPad) {
        DecodedPacket p = f.out;
        p.wlanFcsPresent = fcsLength > 0;
        p.wlanHeaderOffset = off;
        int end = f.wireEnd - fcsLength;
        if (end < off) {
            p.stop(Status.MALFORMED, Layer.WLAN);
            return;
        }
        if (!f.has(off, 2, end, Layer.WLAN)) {
            return;
        }
        int fc0 = f.u8(off);
        if ((fc0 & 3) != 0) {
            return; // protocol version 1 or 2 (S1G, DMG PV2): another header layout, not decoded
        }
        int flags = f.u8(off + 1);
        int type = (fc0 >>> 2) & 3;
        int subtype = fc0 >>> 4;
        p.wlanTypeSubtype = type * 16 + subtype;
        p.wlanDs = flags & 3;
        p.wlanProtected = (flags & FLAG_PROTECTED) != 0;
        p.wlanRetry = (flags & FLAG_RETRY) != 0;
        int headerLength;
        if (type == TYPE_CONTROL) {
            headerLength = control(off, end, subtype);
        } else if (type == TYPE_MANAGEMENT) {
            headerLength = management(off, end);
        } else if (type == TYPE_DATA) {
            headerLength = data(off, end, subtype, flags);
        } else {
            headerLength = 2;
        }
        if (headerLength < 0) {
            return;
        }
        if (dataPad) {
            headerLength = (headerLength + 3) & ~3;
        }
        p.wlanHeaderLength = headerLength;
        int body = off + headerLength;
        if (!f.has(off, headerLength, end, Layer.WLAN)) {
            return;
        }
        p.wlanBodyWireLength = end - body;
        p.wlanAmsdu = type == TYPE_DATA && amsdu(off, subtype, flags);
        if (p.wlanProtected) {
            if (type == TYPE_DATA || type == TYPE_MANAGEMENT) {
                p.wlanCipher = cipher(body, end);
            }
            if (p.wlanAmsdu && (subtype & 4) == 0) {
                protectedSubframes(end - body - p.wlanCipher.headerBytes - p.wlanCipher.trailerBytes);
            }
        } else if (type == TYPE_DATA && (subtype & 4) == 0) {
            if (p.wlanAmsdu) {
                subframes(body, end);
            } else {
                link.llc(body, end);
            }
        }
    }

    /**
     * The subframes of an unprotected A-MSDU (IEEE 802.11-2020, 9.3.2.2.2): DA, SA, a big-endian
     * length, the MSDU (LLC/SNAP and the packet), then padding to a multiple of 4 bytes except
     * after the last. Counts them all, and decodes subframe {@link Frame#subframe}: its DA/SA are
     * the packet's destination and source, its MSDU the rest. A length beyond the frame body is
     * malformed; a subframe header cut by the snap length ends the count as truncated. Either mark
     * is on every subframe, after its own decoding's (the first stop wins).
     */
    private void subframes(int body, int end) {
        DecodedPacket p = f.out;
        if (f.subframe == 0 || !walked(body, end)) {
            walk(body, end);
        }
        if (f.subframe < walkedCount) {
            int at = subframeAt[f.subframe];
            int length = f.u16Be(at + 12);
            p.linkDst = f.mac48(at);
            p.linkSrc = f.mac48(at + 6);
            p.wlanSubframe = f.subframe;
            p.wlanMsduLength = length;
            link.llc(at + 14, at + 14 + length);
        }
        if (walkedStop != null) {
            p.stop(walkedStop, Layer.WLAN);
        }
        p.wlanSubframes = walkedCount;
    }

    /*
     * The last A-MSDU walked: where its subframes start and how the walk ended, so that the
     * decoding of each next subframe (PacketDecoder.nextSubframe decodes the record again) jumps
     * to its own instead of walking those before it: linear in the subframes, not quadratic.
     */
    private int[] subframeAt = new int[16];
    private int walkedCount;
    private Status walkedStop;
    private CaptureRecord walkedRecord;
    private long walkedFrameNumber;
    private ByteBuffer walkedBuf;
    private int walkedBase = -1;
    private int walkedBody;
    private int walkedEnd;
    private int walkedCaptured;

    /** True when the last walk was of this very A-MSDU (the same record, frame, bytes and bounds). */
    private boolean walked(int body, int end) {
        return walkedRecord == f.out.record && walkedFrameNumber == walkedRecord.frameNumber
                && walkedBuf == f.buf && walkedBase == f.base && walkedBody == body && walkedEnd == end && walkedCaptured == f.capturedEnd;
    }

    /** Finds the subframes from {@code body}, as {@link Frame#has} judges their headers. */
    private void walk(int body, int end) {
        walkedRecord = f.out.record;
        walkedFrameNumber = walkedRecord.frameNumber;
        walkedBuf = f.buf;
        walkedBase = f.base;
        walkedBody = body;
        walkedEnd = end;
        walkedCaptured = f.capturedEnd;
        walkedStop = null;
        int at = body;
        int count = 0;
        while (at < end) {
            walkedStop = f.lack(at, 14, end);
            if (walkedStop != null) {
                break;
            }
            int length = f.u16Be(at + 12);
            if (length > end - at - 14) {
                walkedStop = Status.MALFORMED;
                break;
            }
            if (count == subframeAt.length) {
                subframeAt = Arrays.copyOf(subframeAt, count * 2);
            }
            subframeAt[count++] = at;
            at += (14 + length + 3) & ~3;
        }
        walkedCount = count;
    }

    /** Subframe header, LLC/SNAP, a full-size packet, padding: one full subframe of the protected model. */
    private static final int FULL_SUBFRAME = (14 + 8 + DecodedPacket.FULL_SIZE_PACKET + 3) & ~3;

    /**
     * The subframes of a protected A-MSDU of {@code plaintext} bytes by the model of
     * {@link DecodedPacket#wlanMsduLength}: full-size subframes while more than one full subframe
     * and a next header remain, then the rest.
     */
    private void protectedSubframes(long plaintext) {
        DecodedPacket p = f.out;
        if (plaintext < 14 + 8) {
            return;
        }
        int full = (int) Math.min(Integer.MAX_VALUE, (plaintext - 14 - 8 - 1) / FULL_SUBFRAME);
        p.wlanSubframes = full + 1;
        p.wlanSubframe = Math.min(f.subframe, full);
        p.wlanMsduLength = p.wlanSubframe < full ? 8 + DecodedPacket.FULL_SIZE_PACKET
                : (int) (plaintext - (long) full * FULL_SUBFRAME - 14);
    }

    /**
     * Control frames, with the addresses tshark 4.0 shows (checked by WlanTsharkTest): RA always,
     * TA or BSSID for some subtypes; returns the header length or -1.
     */
    private int control(int off, int end, int subtype) {
        DecodedPacket p = f.out;
        if (!f.has(off, 10, end, Layer.WLAN)) {
            return -1;
        }
        long a1 = f.mac48(off + 4);
        switch (subtype) {
            case 0xA: // PS-Poll: RA = BSSID, TA
                if (!f.has(off, 16, end, Layer.WLAN)) {
                    return -1;
                }
                p.wlanRa = a1;
                p.wlanBssid = a1;
                p.wlanTa = f.mac48(off + 10);
                return 16;
            case 0xE: // CF-End: RA, BSSID
                p.wlanRa = a1;
                if (!f.has(off, 16, end, Layer.WLAN)) {
                    return -1;
                }
                p.wlanBssid = f.mac48(off + 10);
                return 16;
            case 0x2, 0x3, 0x4, 0x5, 0x8, 0x9, 0xB, 0xF: // Trigger, TACK, BF poll, NDPA, BAR, BA, RTS, CF-End+Ack
                p.wlanRa = a1;
                if (!f.has(off, 16, end, Layer.WLAN)) {
                    return -1;
                }
                p.wlanTa = f.mac48(off + 10);
                return 16;
            default: // CTS, ACK, control wrapper, others: RA only
                p.wlanRa = a1;
                return 10;
        }
    }

    private int management(int off, int end) {
        DecodedPacket p = f.out;
        if (!f.has(off, 24, end, Layer.WLAN)) {
            return -1;
        }
        long a1 = f.mac48(off + 4);
        long a2 = f.mac48(off + 10);
        p.linkDst = a1;
        p.wlanRa = a1;
        p.linkSrc = a2;
        p.wlanTa = a2;
        p.wlanBssid = f.mac48(off + 16);
        p.wlanSequence = f.u16Le(off + 22) >>> 4;
        return 24;
    }

    private int data(int off, int end, int subtype, int flags) {
        DecodedPacket p = f.out;
        if (!f.has(off, 24, end, Layer.WLAN)) {
            return -1;
        }
        long a1 = f.mac48(off + 4);
        long a2 = f.mac48(off + 10);
        long a3 = f.mac48(off + 16);
        p.wlanRa = a1;
        p.wlanTa = a2;
        p.wlanSequence = f.u16Le(off + 22) >>> 4;
        int length = 24;
        switch (p.wlanDs) {
            case 0 -> {
                p.linkDst = a1;
                p.linkSrc = a2;
                p.wlanBssid = a3;
            }
            case 1 -> {
                p.wlanBssid = a1;
                p.linkSrc = a2;
                p.linkDst = a3;
            }
            case 2 -> {
                p.linkDst = a1;
                p.wlanBssid = a2;
                p.linkSrc = a3;
            }
            default -> {
                p.linkDst = a3;
                if (!f.has(off, 30, end, Layer.WLAN)) {
                    return -1;
                }
                p.linkSrc = f.mac48(off + 24);
                length = 30;
            }
        }
        if ((subtype & 8) != 0) {
            p.wlanQos = true;
            length += 2;
            if ((flags & FLAG_ORDER) != 0) {
                length += 4;
            }
        }
        return length;
    }

    /** True for a QoS data frame whose body is an A-MSDU (QoS control bit 7). */
    private boolean amsdu(int off, int subtype, int flags) {
        if ((subtype & 8) == 0) {
            return false;
        }
        int qos = off + ((flags & 3) == 3 ? 30 : 24);
        return (f.u8(qos) & 0x80) != 0;
    }

    /**
     * The cipher of a protected frame from its security header (the tests tshark uses): no ExtIV
     * bit means WEP; with ExtIV, TKIP when the second byte is the WEP seed of the first, CCMP when
     * the reserved third byte is zero.
     */
    private WlanCipher cipher(int off, int end) {
        if (!f.has(off, 4, end, Layer.WLAN)) {
            return WlanCipher.UNKNOWN;
        }
        int keyId = f.u8(off + 3);
        if ((keyId & 0x20) == 0) {
            return WlanCipher.WEP;
        }
        int b0 = f.u8(off);
        if (f.u8(off + 1) == ((b0 | 0x20) & 0x7F)) {
            f.out.wlanCipherAmbiguous = f.u8(off + 2) == 0;
            return WlanCipher.TKIP;
        }
        return f.u8(off + 2) == 0 ? WlanCipher.CCMP : WlanCipher.UNKNOWN;
    }
}
