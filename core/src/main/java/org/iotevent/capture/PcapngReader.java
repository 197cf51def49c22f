package org.iotevent.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Reads a pcapng capture (https://www.ietf.org/archive/id/draft-ietf-opsawg-pcapng-03.html):
 * several sections, each in its own byte order with its own interfaces; Enhanced, Simple and
 * obsolete (type 2) Packet Blocks; {@code if_tsresol} (powers of 10 and of 2),
 * {@code if_tsoffset} and {@code if_fcslen}. Name Resolution, Interface Statistics, custom and
 * unknown blocks are checked for framing and skipped. Open one through {@link CaptureReaders}.
 * Not thread-safe.
 */
public final class PcapngReader extends FramedReader {
    /** Block type of the Section Header Block (a palindrome: the same in both byte orders). */
    static final int SHB = 0x0A0D0D0A;
    static final int IDB = 1;
    static final int OPB = 2;
    static final int SPB = 3;
    static final int NRB = 4;
    static final int ISB = 5;
    static final int EPB = 6;
    /** Byte-order magic of the SHB as read in the section's own byte order. */
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    /**
     * Longest block accepted, in bytes: a 256 KiB packet plus 128 KiB of options and the EPB
     * framing, as Wireshark bounds it. Every block is held in the window while it is read.
     */
    public static final int MAX_BLOCK_LENGTH = 32 + CaptureReaders.MAX_RECORD_LENGTH + 131_072;
    /** Most interfaces one section may define (bounds the reader's memory). */
    public static final int MAX_INTERFACES = 65_536;

    private static final long NANOS = 1_000_000_000L;
    /** Largest time in nanoseconds the fast path of {@link #setTime} yields. */
    private static final long MAX_FAST_NANOS = CaptureRecord.MAX_SECONDS * NANOS;
    private static final int OPT_ENDOFOPT = 0;
    private static final int OPT_IF_TSRESOL = 9;
    private static final int OPT_IF_FCSLEN = 13;
    private static final int OPT_IF_TSOFFSET = 14;

    private long blockCount;
    private long packetCount;
    private int section = -1;

    private int interfaceCount;
    private int[] linkTypes = new int[4];
    private long[] snapLengths = new long[4];
    private int[] fcsLengths = new int[4];
    /** Time units per second: a power of ten when {@link #binaryResolution} is false, else 2^shift. */
    private long[] unitsPerSecond = new long[4];
    private int[] resolutionExponents = new int[4];
    private boolean[] binaryResolution = new boolean[4];
    /** Nanoseconds per time unit when that is a whole number (decimal resolutions up to 1 ns), else 0. */
    private long[] nanosPerUnit = new long[4];
    private long[] offsetSeconds = new long[4];

    /**
     * Reads and checks the first Section Header Block; {@code in} holds at least its first 4 bytes.
     *
     * @throws CaptureFormatException when the header is cut or invalid
     */
    PcapngReader(String name, ByteInput in) throws IOException {
        super(name, in);
        readSectionHeader(0);
    }

    @Override
    boolean read(CaptureRecord into) throws IOException {
        ByteInput input = in;
        while (true) {
            long off = position;
            if (!input.fill(off, 8)) {
                long found = input.available(off);
                if (found == 0) {
                    return false;
                }
                throw CaptureFormatException.cut(name, "block " + (blockCount + 1), off, 8, found);
            }
            int type = input.header.getInt((int) (off - input.start));
            if (type == SHB) {
                readSectionHeader(off);
                continue;
            }
            int length = frame(off, type, minimumLength(type));
            int i = (int) (off - input.start);
            boolean packet = switch (type) {
                case EPB -> readPacket(into, off, i, length, EPB, input.header.getInt(i + 8));
                case OPB -> readPacket(into, off, i, length, OPB, input.header.getShort(i + 8) & 0xFFFF);
                case SPB -> readSimplePacket(into, off, i, length);
                case IDB -> {
                    readInterface(off, i, length);
                    yield false;
                }
                default -> false;
            };
            checkTrailer(off, i, type, length);
            position = off + length;
            if (packet) {
                into.frameNumber = ++packetCount;
                into.sectionNumber = section;
                into.fileOffset = off;
                into.data = input.data;
                return true;
            }
        }
    }

    private void readSectionHeader(long off) throws IOException {
        ByteInput input = in;
        String place = "block " + (blockCount + 1) + " (SHB)";
        if (!input.fill(off, 12)) {
            throw CaptureFormatException.cut(name, place, off, 12, input.available(off));
        }
        input.order(ByteOrder.BIG_ENDIAN);
        int magic = input.header.getInt((int) (off - input.start) + 8);
        if (magic == Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
            input.order(ByteOrder.LITTLE_ENDIAN);
        } else if (magic != BYTE_ORDER_MAGIC) {
            throw CaptureFormatException.field(name, place, off, "byte-order magic",
                    String.format("0x%08x", magic), "0x1a2b3c4d in either byte order");
        }
        int length = frame(off, SHB, 28);
        int i = (int) (off - input.start);
        ByteBuffer h = input.header;
        int major = h.getShort(i + 12) & 0xFFFF;
        int minor = h.getShort(i + 14) & 0xFFFF;
        if (major != 1 || (minor != 0 && minor != 2)) {
            throw CaptureFormatException.field(name, place, off, "version", major + "." + minor, "1.0 or 1.2");
        }
        walkOptions(off, i + 24, i + length - 4, SHB, -1);
        checkTrailer(off, i, SHB, length);
        section++;
        interfaceCount = 0;
        position = off + length;
    }

    /**
     * Checks the block's leading length and brings the whole block into the window.
     *
     * @return the block total length in bytes
     */
    private int frame(long off, int type, int minimum) throws IOException {
        ByteInput input = in;
        long length = Integer.toUnsignedLong(input.header.getInt((int) (off - input.start) + 4));
        blockCount++;
        String field = "block total length";
        if (length < minimum) {
            throw CaptureFormatException.field(name, place(type), off, field, length,
                    "at least " + minimum + " for this block type");
        }
        if (length % 4 != 0) {
            throw CaptureFormatException.field(name, place(type), off, field, length, "a multiple of 4");
        }
        if (length > MAX_BLOCK_LENGTH) {
            throw CaptureFormatException.field(name, place(type), off, field, length,
                    "at most " + MAX_BLOCK_LENGTH);
        }
        if (!input.fill(off, (int) length)) {
            throw CaptureFormatException.cut(name, place(type), off, length, input.available(off));
        }
        return (int) length;
    }

    private void checkTrailer(long off, int i, int type, int length) throws CaptureFormatException {
        long trailer = Integer.toUnsignedLong(in.header.getInt(i + length - 4));
        if (trailer != length) {
            throw CaptureFormatException.field(name, place(type), off, "trailing block total length", trailer,
                    length + " (the leading block total length)");
        }
    }

    private static int minimumLength(int type) {
        return switch (type) {
            case IDB -> 20;
            case EPB, OPB -> 32;
            case SPB -> 16;
            default -> 12;
        };
    }

    /**
     * Reads an EPB or OPB (the same layout after the interface id) at window index {@code i}.
     *
     * @param iface the interface id: 32 bits in an EPB, 16 in an OPB (followed by a drop count)
     */
    private boolean readPacket(CaptureRecord into, long off, int i, int length, int type, int iface)
            throws IOException {
        ByteBuffer h = in.header;
        int ts = i + 12;
        checkInterface(off, type, iface);
        long captured = Integer.toUnsignedLong(h.getInt(ts + 8));
        long wire = Integer.toUnsignedLong(h.getInt(ts + 12));
        checkCaptured(off, type, iface, captured);
        long room = length - 32L;
        if (((captured + 3) & ~3L) > room) {
            throw CaptureFormatException.field(name, place(type), off, "captured length", captured,
                    "at most " + room + " (what the block total length " + length + " leaves)");
        }
        walkOptions(off, ts + 16 + (int) ((captured + 3) & ~3L), i + length - 4, type, -1);
        setTime(into, iface, (Integer.toUnsignedLong(h.getInt(ts)) << 32) | Integer.toUnsignedLong(h.getInt(ts + 4)));
        fill(into, iface, wire, (int) captured, ts + 16);
        return true;
    }

    private boolean readSimplePacket(CaptureRecord into, long off, int i, int length) throws IOException {
        checkInterface(off, SPB, 0);
        long wire = Integer.toUnsignedLong(in.header.getInt(i + 8));
        long captured = Math.min(wire, length - 16L);
        if (snapLengths[0] != 0) {
            captured = Math.min(captured, snapLengths[0]);
        }
        checkCaptured(off, SPB, 0, captured);
        into.timestampNanos = 0;
        into.timestampSeconds = 0;
        into.timestampFractionNanos = 0;
        into.hasTimestamp = false;
        fill(into, 0, wire, (int) captured, i + 12);
        return true;
    }

    private void fill(CaptureRecord into, int iface, long wire, int captured, int dataIndex) {
        into.wireLength = wire;
        into.capturedLength = captured;
        into.linkType = linkTypes[iface];
        into.fcsLength = fcsLengths[iface];
        into.interfaceId = iface;
        into.dataOffset = dataIndex;
    }

    private void checkInterface(long off, int type, int iface) throws CaptureFormatException {
        if (iface < 0 || iface >= interfaceCount) {
            throw CaptureFormatException.field(name, place(type), off, "interface id", Integer.toUnsignedLong(iface),
                    interfaceCount == 0 ? "an interface defined by an IDB earlier in section " + section
                            : "less than " + interfaceCount + " (interfaces defined in section " + section + ")");
        }
    }

    private void checkCaptured(long off, int type, int iface, long captured) throws CaptureFormatException {
        long snap = snapLengths[iface];
        if (captured > CaptureReaders.MAX_RECORD_LENGTH) {
            throw CaptureFormatException.field(name, place(type), off, "captured length", captured,
                    "at most " + CaptureReaders.MAX_RECORD_LENGTH + " (256 KiB)");
        }
        if (snap != 0 && captured > snap) {
            throw CaptureFormatException.field(name, place(type), off, "captured length", captured,
                    "at most " + snap + " (the snap length of interface " + iface + ")");
        }
    }

    private void readInterface(long off, int i, int length) throws IOException {
        if (interfaceCount == MAX_INTERFACES) {
            throw CaptureFormatException.field(name, place(IDB), off, "interface count", MAX_INTERFACES + 1,
                    "at most " + MAX_INTERFACES + " per section");
        }
        if (interfaceCount == linkTypes.length) {
            int n = interfaceCount * 2;
            linkTypes = Arrays.copyOf(linkTypes, n);
            snapLengths = Arrays.copyOf(snapLengths, n);
            fcsLengths = Arrays.copyOf(fcsLengths, n);
            unitsPerSecond = Arrays.copyOf(unitsPerSecond, n);
            resolutionExponents = Arrays.copyOf(resolutionExponents, n);
            binaryResolution = Arrays.copyOf(binaryResolution, n);
            nanosPerUnit = Arrays.copyOf(nanosPerUnit, n);
            offsetSeconds = Arrays.copyOf(offsetSeconds, n);
        }
        int k = interfaceCount;
        ByteBuffer h = in.header;
        linkTypes[k] = h.getShort(i + 8) & 0xFFFF;
        snapLengths[k] = Integer.toUnsignedLong(h.getInt(i + 12));
        fcsLengths[k] = -1;
        offsetSeconds[k] = 0;
        resolution(k, 6);
        walkOptions(off, i + 16, i + length - 4, IDB, k);
        interfaceCount++;
    }

    /**
     * Walks the options in {@code [from, to)} of the window, checking that each fits; for an IDB
     * ({@code iface >= 0}) records the options the reader uses.
     */
    private void walkOptions(long off, int from, int to, int type, int iface) throws CaptureFormatException {
        ByteBuffer h = in.header;
        int blockStart = (int) (off - in.start);
        int p = from;
        while (p < to) {
            if (to - p < 4) {
                throw CaptureFormatException.field(name, place(type), off, "option header at block byte "
                        + (p - blockStart), (to - p) + " bytes", "4 bytes");
            }
            int code = h.getShort(p) & 0xFFFF;
            int length = h.getShort(p + 2) & 0xFFFF;
            if (code == OPT_ENDOFOPT) {
                return;
            }
            int padded = (length + 3) & ~3;
            if (padded > to - p - 4) {
                throw CaptureFormatException.field(name, place(type), off,
                        String.format("length of option 0x%04x at block byte %d", code, p - blockStart), length,
                        "at most " + (to - p - 4) + " (what the block leaves)");
            }
            if (iface >= 0) {
                interfaceOption(off, iface, code, length, p + 4);
            }
            p += 4 + padded;
        }
    }

    private void interfaceOption(long off, int iface, int code, int length, int value) throws CaptureFormatException {
        ByteBuffer h = in.header;
        if (code == OPT_IF_TSRESOL && length == 1) {
            int resolution = h.get(value) & 0xFF;
            int exponent = resolution & 0x7F;
            if ((resolution & 0x80) != 0 ? exponent > 63 : exponent > 19) {
                throw CaptureFormatException.field(name, place(IDB), off, "if_tsresol",
                        String.format("0x%02x", resolution), "a unit of at least 10^-19 or 2^-63 s");
            }
            resolution(iface, resolution);
        } else if (code == OPT_IF_TSOFFSET && length == 8) {
            offsetSeconds[iface] = h.getLong(value);
        } else if (code == OPT_IF_FCSLEN && length == 1) {
            // the pcapng draft counts bits, Wireshark bytes: 16 and 32 can only be bits, 0-4 only bytes
            int fcs = h.get(value) & 0xFF;
            fcsLengths[iface] = fcs >= 8 && fcs % 8 == 0 ? fcs / 8 : fcs;
        }
    }

    /** Sets interface {@code k}'s time unit from an {@code if_tsresol} byte. */
    private void resolution(int k, int tsresol) {
        int exponent = tsresol & 0x7F;
        boolean binary = (tsresol & 0x80) != 0;
        binaryResolution[k] = binary;
        resolutionExponents[k] = exponent;
        unitsPerSecond[k] = binary ? 1L << exponent : tenTo(exponent);
        nanosPerUnit[k] = !binary && exponent <= 9 ? tenTo(9 - exponent) : 0;
    }

    private static long tenTo(int exponent) {
        long v = 1;
        for (int e = 0; e < exponent; e++) {
            v *= 10;
        }
        return v;
    }

    /**
     * Sets the record's time from a timestamp in interface units (an unsigned 64-bit count), as
     * Wireshark does: seconds = units / units-per-second + if_tsoffset, exact nanoseconds after.
     */
    private void setTime(CaptureRecord into, int iface, long units) {
        long perUnit = nanosPerUnit[iface];
        if (perUnit != 0 && offsetSeconds[iface] == 0 && units >= 0 && units <= MAX_FAST_NANOS / perUnit) {
            long nanos = units * perUnit;
            into.timestampNanos = nanos;
            into.timestampSeconds = nanos / NANOS;
            into.timestampFractionNanos = nanos % NANOS;
            into.hasTimestamp = true;
            return;
        }
        long seconds;
        long nanos;
        int exponent = resolutionExponents[iface];
        if (binaryResolution[iface]) {
            seconds = units >>> exponent;
            long fraction = exponent == 0 ? 0 : units & ((1L << exponent) - 1);
            nanos = exponent <= 33 ? (fraction * NANOS) >>> exponent
                    : (Math.multiplyHigh(fraction, NANOS) << (64 - exponent)) | ((fraction * NANOS) >>> exponent);
        } else {
            long perSecond = unitsPerSecond[iface];
            seconds = Long.divideUnsigned(units, perSecond);
            long fraction = Long.remainderUnsigned(units, perSecond);
            nanos = exponent <= 9 ? fraction * tenTo(9 - exponent)
                    : Long.divideUnsigned(fraction, tenTo(exponent - 9));
        }
        into.setTime(seconds + offsetSeconds[iface], nanos);
    }

    private String place(int type) {
        return "block " + blockCount + " (" + typeName(type) + ")";
    }

    private static String typeName(int type) {
        return switch (type) {
            case SHB -> "SHB";
            case IDB -> "IDB";
            case OPB -> "OPB";
            case SPB -> "SPB";
            case NRB -> "NRB";
            case ISB -> "ISB";
            case EPB -> "EPB";
            default -> String.format("type 0x%08x", type);
        };
    }
}
