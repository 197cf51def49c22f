package org.iotevent.decode;

import java.nio.ByteBuffer;
import org.iotevent.capture.CaptureRecord;

/**
 * The bytes of the packet being decoded and the bounds check every layer uses. Offsets given to
 * and returned by the layer decoders are relative to the packet's first captured byte; a layer's
 * declared end may lie beyond the captured bytes (snap length), never beyond the wire length.
 */
final class Frame {
    ByteBuffer buf;
    /** Absolute index of the packet's first captured byte in {@link #buf}. */
    int base;
    /** Number of captured bytes. */
    int capturedEnd;
    /** Length on the wire, saturated to int. */
    int wireEnd;
    /** Bytes of frame check sequence the file says end each frame (pcap FCS bits, if_fcslen), else 0. */
    int fileFcsLength;
    DecodedPacket out;
    /** The A-MSDU subframe to decode (0 for the first; ignored for other frames). */
    int subframe;

    void load(CaptureRecord record, DecodedPacket into) {
        buf = record.data;
        base = record.dataOffset;
        capturedEnd = Math.max(0, record.capturedLength);
        wireEnd = wireEnd(record);
        fileFcsLength = fileFcsLength(record);
        out = into;
    }

    /** The frame's length on the wire (at least what was captured). */
    static int wireEnd(CaptureRecord record) {
        return (int) Math.min(Math.max(record.wireLength, record.capturedLength), Integer.MAX_VALUE);
    }

    /** The FCS length the file states for the frame's end (0 when none, or when it is not plausible). */
    static int fileFcsLength(CaptureRecord record) {
        return record.fcsLength > 0 && record.fcsLength <= 8 ? record.fcsLength : 0;
    }

    /** Where an Ethernet frame of wire length {@code wireEnd} ends, less a stated FCS when the frame holds one. */
    static int ethernetEnd(int wireEnd, int fcs) {
        return wireEnd - fcs >= 14 ? wireEnd - fcs : wireEnd;
    }

    /**
     * True when {@code need} bytes from {@code off} lie within the layer ending at {@code declaredEnd}
     * and were captured. Otherwise stops the packet: MALFORMED when the layer's own declared length
     * is too short, TRUNCATED when the capture cut it.
     */
    boolean has(int off, int need, int declaredEnd, Layer layer) {
        Status lack = lack(off, need, declaredEnd);
        if (lack == null) {
            return true;
        }
        out.stop(lack, layer);
        return false;
    }

    /**
     * Null when {@code need} bytes from {@code off} lie within the layer ending at {@code declaredEnd}
     * and were captured; else why not, as {@link #has} judges it.
     */
    Status lack(int off, int need, int declaredEnd) {
        return need > declaredEnd - off ? Status.MALFORMED : need > capturedEnd - off ? Status.TRUNCATED : null;
    }

    /** The end of the bytes both declared and captured: {@code min(declaredEnd, capturedEnd)}. */
    int sliceEnd(int declaredEnd) {
        return Math.min(declaredEnd, capturedEnd);
    }

    int u8(int off) {
        return Bytes.u8(buf, base + off);
    }

    int u16Be(int off) {
        return Bytes.u16Be(buf, base + off);
    }

    int u16Le(int off) {
        return Bytes.u16Le(buf, base + off);
    }

    long u32Be(int off) {
        return Bytes.u32Be(buf, base + off);
    }

    long u32Le(int off) {
        return Bytes.u32Le(buf, base + off);
    }

    long u64Be(int off) {
        return Bytes.u64Be(buf, base + off);
    }

    long mac48(int off) {
        return Bytes.mac48(buf, base + off);
    }
}
