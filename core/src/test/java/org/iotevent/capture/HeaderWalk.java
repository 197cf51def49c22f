package org.iotevent.capture;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * Measures how fast the reader walks record headers (packets/s), against a bare loop over the
 * record headers of a mapped pcap file, on generated captures of a given size, in packets per
 * CPU-second of the reading thread. A quick figure for
 * the decoder's benchmark, not a test. Run by {@code bench/reader-walk.sh}.
 *
 * <p>Arguments: size in MiB (default 1024), repetitions (default 5), work directory (default tmp).
 */
public final class HeaderWalk {
    private HeaderWalk() {}

    public static void main(String[] args) throws IOException {
        long megabytes = args.length > 0 ? Long.parseLong(args[0]) : 1024;
        int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path work = Files.createTempDirectory(args.length > 2 ? Path.of(args[2]) : Path.of(System.getProperty("java.io.tmpdir")),
                "walk");
        Path pcap = work.resolve("walk.pcap");
        Path pcapng = work.resolve("walk.pcapng");
        try {
            long packets = generate(pcap, pcapng, megabytes << 20);
            System.out.printf("generated %d packets, pcap %d bytes, pcapng %d bytes (frames 60-1514 bytes, seed 42)%n",
                    packets, Files.size(pcap), Files.size(pcapng));
            double[] bare = new double[repetitions];
            double[] bareChannel = new double[repetitions];
            double[] pcapWalk = new double[repetitions];
            double[] pcapngWalk = new double[repetitions];
            double[] streamWalk = new double[repetitions];
            double[] channelWalk = new double[repetitions];
            for (int i = 0; i < repetitions; i++) {
                bare[i] = rate(packets, () -> bareLoop(pcap));
                bareChannel[i] = rate(packets, () -> bareChannelLoop(pcap));
                pcapWalk[i] = rate(packets, () -> walk(CaptureReaders.openMapped(pcap)));
                pcapngWalk[i] = rate(packets, () -> walk(CaptureReaders.open(pcapng)));
                channelWalk[i] = rate(packets, () -> walk(CaptureReaders.open(pcap)));
                streamWalk[i] = rate(packets, () -> {
                    try (InputStream in = Files.newInputStream(pcap)) {
                        return walk(CaptureReaders.open("-", in));
                    }
                });
            }
            System.out.printf("bare loop over mapped pcap headers : %6.2f M packets/s (median of %d; %.2f of the limit)%n",
                    median(bare), repetitions, median(bare) / median(bareChannel));
            System.out.printf("bare loop over pcap read by channel: %6.2f M packets/s (the limit)%n",
                    median(bareChannel));
            System.out.printf("PacketSource over pcap (mapped)     : %6.2f M packets/s (%.2f of the limit)%n",
                    median(pcapWalk), median(pcapWalk) / median(bareChannel));
            System.out.printf("PacketSource over pcapng (channel)  : %6.2f M packets/s (%.2f of the limit)%n",
                    median(pcapngWalk), median(pcapngWalk) / median(bareChannel));
            System.out.printf("PacketSource over pcap (channel)    : %6.2f M packets/s (%.2f of the limit)%n",
                    median(channelWalk), median(channelWalk) / median(bareChannel));
            System.out.printf("PacketSource over an InputStream   : %6.2f M packets/s (%.2f of the limit)%n",
                    median(streamWalk), median(streamWalk) / median(bareChannel));
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            System.out.printf("peak heap (sum of heap pools' peaks): %.1f MiB%n", peak / 1048576.0);
        } finally {
            Files.deleteIfExists(pcap);
            Files.deleteIfExists(pcapng);
            Files.deleteIfExists(work);
        }
    }

    private interface Walk {
        long run() throws IOException;
    }

    /**
     * Runs {@code walk}, checks it saw every packet, and returns millions of packets per second of
     * the thread's CPU time (user + system, page faults included): on a machine shared with other
     * work, wall time would measure the neighbours.
     */
    private static double rate(long packets, Walk walk) throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long t0 = threads.getCurrentThreadCpuTime();
        long n = walk.run();
        long t1 = threads.getCurrentThreadCpuTime();
        if (n != packets) {
            throw new IllegalStateException("walked " + n + " packets of " + packets);
        }
        return packets / ((t1 - t0) / 1e9) / 1e6;
    }

    private static long sink;

    /** Reads every record, touching the header fields a decoder needs and one data byte. */
    private static long walk(PacketSource source) throws IOException {
        CaptureRecord r = new CaptureRecord();
        long n = 0;
        long sum = 0;
        try (source) {
            while (source.next(r)) {
                n++;
                sum += r.timestampNanos + r.capturedLength + r.wireLength + r.linkType + r.u8(0);
            }
        }
        sink += sum;
        return n;
    }

    /** The limit: a loop over the record headers of a mapped classic pcap file, in 1 GiB windows. */
    private static long bareLoop(Path file) throws IOException {
        walked = 0;
        try (FileChannel ch = FileChannel.open(file)) {
            long size = ch.size();
            long base = 24;
            while (base < size) {
                MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_ONLY, base, Math.min(size - base, 1L << 30));
                m.order(ByteOrder.LITTLE_ENDIAN);
                base += walkHeaders(m, m.limit());
            }
        }
        return walked;
    }

    private static long walked;

    /** Walks the complete records in {@code b[0, limit)}; counts them into {@link #walked}; returns where it stopped. */
    private static int walkHeaders(ByteBuffer b, int limit) {
        int p = 0;
        long sum = 0;
        while (p + 16 <= limit) {
            int captured = b.getInt(p + 8);
            if (p + 16 + captured > limit) {
                break;
            }
            sum += b.getInt(p) + b.getInt(p + 4) + captured + b.getInt(p + 12) + b.get(p + 16);
            p += 16 + captured;
            walked++;
        }
        sink += sum;
        return p;
    }

    /** Another limit: the same loop over the file read by its channel into a 512 KiB direct buffer. */
    private static long bareChannelLoop(Path file) throws IOException {
        walked = 0;
        ByteBuffer b = ByteBuffer.allocateDirect(512 * 1024).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(file)) {
            ch.position(24);
            while (ch.read(b) > 0 || b.position() > 0) {
                int limit = b.position();
                int p = walkHeaders(b, limit);
                if (p == 0 && limit == b.position() && ch.position() == ch.size()) {
                    break;
                }
                b.limit(limit).position(p);
                b.compact();
            }
        }
        return walked;
    }

    /** Writes the same packets to a classic pcap and a pcapng file until the pcap reaches {@code bytes}. */
    private static long generate(Path pcap, Path pcapng, long bytes) throws IOException {
        Random random = new Random(42);
        byte[] frame = new byte[1514];
        long written = 24;
        long n = 0;
        long time = 1_700_000_000_000_000_000L;
        try (OutputStream a = new BufferedOutputStream(Files.newOutputStream(pcap), 1 << 20);
                OutputStream b = new BufferedOutputStream(Files.newOutputStream(pcapng), 1 << 20);
                PcapWriter w = new PcapWriter(a, LinkType.ETHERNET);
                PcapngWriter g = new PcapngWriter(b)) {
            while (written < bytes) {
                int length = random.nextInt(10) < 6 ? 60 + random.nextInt(140) : 200 + random.nextInt(1315);
                frame[0] = (byte) n;
                time += random.nextInt(2_000_000);
                w.write(time, frame, 0, length, length);
                g.write(time, LinkType.ETHERNET, frame, 0, length, length, null);
                written += 16 + length;
                n++;
            }
        }
        return n;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
