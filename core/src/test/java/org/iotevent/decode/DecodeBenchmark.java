package org.iotevent.decode;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.iotevent.capture.CaptureReaders;
import org.iotevent.capture.CaptureRecord;
import org.iotevent.capture.LinkType;
import org.iotevent.capture.PacketSource;
import org.iotevent.capture.PcapWriter;

/**
 * Decode speed benchmark (run by bench/decode-benchmark.sh, not by the test suite). Generates
 * seeded Ethernet captures of the given sizes (60-1500 byte frames; IPv4 and IPv6; TCP and UDP;
 * some VLAN tags) and reports, from one run, the median packets per CPU-second of the one
 * benchmark thread (and, for decoding, per wall-clock second) over interleaved passes of:
 * a raw loop over the record headers of the mapped file (the limit), the capture reader alone,
 * and the reader plus decoding every layer; the decoder alone over packets held in memory; and the peak heap and the bytes allocated per packet while decoding.
 *
 * <p>Arguments: {@code DIR SIZE_MB... [--passes N]}. Writes DIR/bench-SIZE.pcap and deletes it.
 */
public final class DecodeBenchmark {
    private static final long SEED = 20261125L;
    private static final int RAW_WINDOW = 1 << 28;

    private DecodeBenchmark() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int passes = 5;
        long[] sizesMb = new long[args.length];
        int n = 0;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--passes")) {
                passes = Integer.parseInt(args[++i]);
            } else {
                sizesMb[n++] = Long.parseLong(args[i]);
            }
        }
        System.out.printf(Locale.ROOT, "%-8s %10s %12s %12s %12s %10s %10s %14s %14s %12s %12s%n", "size",
                "packets", "walk_pps", "reader_pps", "decode_pps", "dec/walk", "dec/read", "decoder_only",
                "decode_wall_pps", "peak_heap_MB", "alloc_B/pkt");
        for (int s = 0; s < n; s++) {
            Path file = dir.resolve("bench-" + sizesMb[s] + "MB.pcap");
            try {
                long packets = generate(file, sizesMb[s] << 20);
                run(file, sizesMb[s], packets, passes);
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }

    private static void run(Path file, long sizeMb, long packets, int passes) throws IOException {
        double[] walk = new double[passes];
        double[] read = new double[passes];
        double[] decode = new double[passes];
        double[] decodeWall = new double[passes];
        for (int warm = 0; warm < 3; warm++) {
            walkHeaders(file);
            readOnly(file);
            decodeAll(file);
        }
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long allocated = 0;
        double[] both = new double[2];
        for (int p = 0; p < passes; p++) {
            walk[p] = rate(packets, () -> walkHeaders(file), both)[1];
            read[p] = rate(packets, () -> readOnly(file), both)[1];
            long before = allocatedBytes();
            rate(packets, () -> decodeAll(file), both);
            allocated += allocatedBytes() - before;
            decodeWall[p] = both[0];
            decode[p] = both[1];
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        double[] alone = new double[passes];
        InMemory held = InMemory.load(file);
        for (int p = 0; p < passes; p++) {
            alone[p] = rate(held.packets * InMemory.ROUNDS, held::decodeRounds, both)[1];
        }
        double w = median(walk);
        double r = median(read);
        double d = median(decode);
        System.out.printf(Locale.ROOT, "%-8s %10d %12.0f %12.0f %12.0f %10.2f %10.2f %14.0f %14.0f %12.1f %12.3f%n",
                sizeMb + "MB", packets, w, r, d, d / w, d / r, median(alone), median(decodeWall),
                peak / 1048576.0, (double) allocated / passes / packets);
    }

    private interface Pass {
        long run() throws IOException;
    }

    /**
     * Runs one pass; sets {@code out[0]} to packets per wall-clock second and {@code out[1]} to
     * packets per second of this thread's CPU time (user + system: what one core delivers, also on
     * a machine other processes share), and returns {@code out}.
     */
    private static double[] rate(long packets, Pass pass, double[] out) throws IOException {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long c0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        long counted = pass.run();
        long t1 = System.nanoTime();
        long c1 = threads.getCurrentThreadCpuTime();
        if (counted != packets) {
            throw new IllegalStateException("counted " + counted + " packets, wrote " + packets);
        }
        out[0] = packets * 1e9 / (t1 - t0);
        out[1] = packets * 1e9 / (c1 - c0);
        return out;
    }

    /**
     * The first packets of a capture copied into one heap buffer, to time the decoder alone
     * (no I/O, no reader), after the peak heap was taken.
     */
    private static final class InMemory {
        static final int MAX_PACKETS = 100_000;
        static final int ROUNDS = 10;
        final java.nio.ByteBuffer bytes;
        final int[] offsets = new int[MAX_PACKETS];
        final int[] lengths = new int[MAX_PACKETS];
        int packets;

        private InMemory(int capacity) {
            bytes = java.nio.ByteBuffer.allocate(capacity);
        }

        static InMemory load(Path file) throws IOException {
            InMemory m = new InMemory(MAX_PACKETS * 1514);
            CaptureRecord r = new CaptureRecord();
            try (PacketSource source = CaptureReaders.open(file)) {
                int at = 0;
                while (m.packets < MAX_PACKETS && source.next(r)) {
                    m.bytes.put(at, r.data, r.dataOffset, r.capturedLength);
                    m.offsets[m.packets] = at;
                    m.lengths[m.packets++] = r.capturedLength;
                    at += r.capturedLength;
                }
            }
            return m;
        }

        long decodeRounds() {
            CaptureRecord r = new CaptureRecord();
            r.data = bytes;
            r.linkType = LinkType.ETHERNET;
            DecodedPacket p = new DecodedPacket();
            LinkDecoder decoder = new LinkDecoder();
            long sink = 0;
            long count = 0;
            for (int round = 0; round < ROUNDS; round++) {
                for (int i = 0; i < packets; i++) {
                    r.dataOffset = offsets[i];
                    r.capturedLength = lengths[i];
                    r.wireLength = lengths[i];
                    decoder.decode(r, p);
                    sink += p.srcPort + p.ipLength + p.payloadLength + p.ipSrcLo + p.ipDstHi + p.linkSrc;
                    count++;
                }
            }
            return sink == 42 ? -1 : count;
        }
    }

    /** The limit: a loop that reads each classic pcap record header of the mapped file and skips the data. */
    private static long walkHeaders(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            long pos = 24;
            long count = 0;
            long windowStart = 0;
            MappedByteBuffer window = null;
            while (size - pos >= 16) {
                if (window == null || pos + 16 > windowStart + window.capacity()) {
                    windowStart = pos;
                    window = map(ch, pos, size);
                }
                int capLen = window.getInt((int) (pos - windowStart) + 8);
                if (pos + 16 + capLen > windowStart + window.capacity() && pos + 16 + capLen <= size) {
                    windowStart = pos;
                    window = map(ch, pos, size);
                }
                pos += 16L + capLen;
                count++;
            }
            return count;
        }
    }

    private static MappedByteBuffer map(FileChannel ch, long pos, long size) throws IOException {
        MappedByteBuffer b = ch.map(FileChannel.MapMode.READ_ONLY, pos, Math.min(RAW_WINDOW, size - pos));
        b.order(ByteOrder.LITTLE_ENDIAN);
        return b;
    }

    private static long readOnly(Path file) throws IOException {
        long count = 0;
        long sink = 0;
        CaptureRecord r = new CaptureRecord();
        try (PacketSource source = CaptureReaders.open(file)) {
            while (source.next(r)) {
                sink += r.capturedLength;
                count++;
            }
        }
        return sink < 0 ? -1 : count;
    }

    private static long decodeAll(Path file) throws IOException {
        long count = 0;
        long sink = 0;
        CaptureRecord r = new CaptureRecord();
        DecodedPacket p = new DecodedPacket();
        LinkDecoder decoder = new LinkDecoder();
        try (PacketSource source = CaptureReaders.open(file)) {
            while (source.next(r)) {
                decoder.decode(r, p);
                if (p.status != Status.OK) {
                    throw new IllegalStateException("frame " + r.frameNumber + ": " + p.statusLabel());
                }
                sink += p.srcPort + p.ipLength + p.payloadLength + p.ipSrcLo + p.ipDstHi + p.linkSrc;
                count++;
            }
        }
        return sink == 42 ? -1 : count;
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /**
     * Writes a seeded capture of about {@code bytes} bytes: frame lengths 40 % 60-100, 20 %
     * 100-1000, 40 % 1000-1500; 70 % IPv4, 30 % IPv6; 75 % TCP, 25 % UDP; 10 % with an 802.1Q
     * tag. Returns the number of packets.
     */
    public static long generate(Path file, long bytes) throws IOException {
        Random random = new Random(SEED);
        byte[] frame = new byte[1514];
        long packets = 0;
        long written = 24;
        long time = 1_700_000_000_000_000_000L;
        try (PcapWriter w = new PcapWriter(Files.newOutputStream(file), LinkType.ETHERNET)) {
            while (written < bytes) {
                int pick = random.nextInt(10);
                int length = pick < 4 ? 60 + random.nextInt(41) : pick < 6 ? 100 + random.nextInt(901)
                        : 1000 + random.nextInt(501);
                length = fill(frame, length, random);
                w.write(time, frame, 0, length, length);
                time += 1000 + random.nextInt(100_000);
                written += 16 + length;
                packets++;
            }
        }
        return packets;
    }

    /** Fills one Ethernet frame of about {@code length} bytes; returns its final length. */
    private static int fill(byte[] f, int length, Random random) {
        boolean v6 = random.nextInt(10) < 3;
        boolean tcp = random.nextInt(4) != 0;
        boolean vlan = random.nextInt(10) == 0;
        int at = 0;
        for (int i = 0; i < 12; i++) {
            f[at++] = (byte) (i == 0 || i == 6 ? 0x02 : i == 5 || i == 11 ? random.nextInt(8) : 0);
        }
        if (vlan) {
            at = put16(f, at, 0x8100);
            at = put16(f, at, 1 + random.nextInt(4094));
        }
        at = put16(f, at, v6 ? 0x86DD : 0x0800);
        int transportLength = tcp ? 20 : 8;
        int ipHeader = v6 ? 40 : 20;
        length = Math.max(length, at + ipHeader + transportLength);
        int ipLength = length - at;
        if (v6) {
            at = put16(f, at, 0x6000);
            at = put16(f, at, 0);
            at = put16(f, at, ipLength - 40);
            f[at++] = (byte) (tcp ? 6 : 17);
            f[at++] = 64;
            for (int i = 0; i < 32; i++) {
                f[at++] = (byte) (i == 15 || i == 31 ? random.nextInt(256) : i % 16 == 0 ? 0x20 : 0);
            }
        } else {
            at = put16(f, at, 0x4500);
            at = put16(f, at, ipLength);
            at = put16(f, at, random.nextInt(65536));
            at = put16(f, at, 0x4000);
            f[at++] = 64;
            f[at++] = (byte) (tcp ? 6 : 17);
            at = put16(f, at, 0);
            for (int i = 0; i < 8; i++) {
                f[at++] = (byte) (i % 4 == 0 ? 10 : i % 4 == 3 ? random.nextInt(256) : 0);
            }
        }
        at = put16(f, at, 1024 + random.nextInt(60000));
        at = put16(f, at, tcp ? 443 : 53);
        if (tcp) {
            for (int i = 0; i < 8; i++) {
                f[at++] = (byte) random.nextInt(256);
            }
            at = put16(f, at, 0x5010);
            at = put16(f, at, 0xFFFF);
            at = put16(f, at, 0);
            at = put16(f, at, 0);
        } else {
            at = put16(f, at, length - at + 4);
            at = put16(f, at, 0);
        }
        Arrays.fill(f, at, length, (byte) 0x5A);
        return length;
    }

    private static int put16(byte[] f, int at, int value) {
        f[at] = (byte) (value >>> 8);
        f[at + 1] = (byte) value;
        return at + 2;
    }
}
