package org.iotevent.detect;

import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.iotevent.capture.CaptureReaders;
import org.iotevent.capture.CaptureRecord;
import org.iotevent.capture.LinkType;
import org.iotevent.capture.PacketSource;
import org.iotevent.capture.PcapWriter;
import org.iotevent.decode.DecodedPacket;
import org.iotevent.decode.LinkDecoder;
import org.iotevent.signature.AlignmentTrainer;
import org.iotevent.signature.Classifiers;
import org.iotevent.signature.LabeledSample;
import org.iotevent.signature.PaperTrainer;
import org.iotevent.signature.SignatureFile;
import org.iotevent.signature.Trainer;
import org.iotevent.traffic.BurstSegmenter;
import org.iotevent.traffic.DeviceSelector;
import org.iotevent.traffic.DeviceTraffic;
import org.iotevent.traffic.DeviceView;

/**
 * The learn/detect benchmark (run by bench/learn-benchmark.sh, not by the tests).
 *
 * <ul>
 *   <li>{@code gen DIR MB...}: writes DIR/train.pcap with DIR/events.csv (10 events x 60 triggers)
 *       and DIR/detect-MB.pcap of about MB megabytes: a plug at 10.0.0.2 whose event bursts and
 *       heartbeats make about half the packets, other hosts the rest, Ethernet/IPv4/TCP, 54-1514
 *       byte frames, mostly small as IoT traffic is;
 *   <li>{@code pipeline SIGNATURE FILE PASSES}: packets/s of the record-header walk (the limit),
 *       read + decode, and the whole detection (read, decode, device view, segmentation,
 *       classification), medians of PASSES passes each, and the peak heap;
 *   <li>{@code train N PASSES [paper|align]}: CPU seconds to train a classifier (default the
 *       paper's, k among its default candidates) on N labelled bursts, median of PASSES.
 * </ul>
 */
public final class DetectBenchmark {
    static final long DEVICE = 0x0A000002L;
    static final long CLOUD = 0x34010203L;
    static final int EVENTS = 10;

    private DetectBenchmark() {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "gen" -> {
                Path dir = Path.of(args[1]);
                generateTraining(dir);
                for (int i = 2; i < args.length; i++) {
                    generateDetection(dir.resolve("detect-" + args[i] + ".pcap"), Long.parseLong(args[i]) << 20);
                }
            }
            case "pipeline" -> pipeline(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]));
            case "train" -> train(Integer.parseInt(args[1]), Integer.parseInt(args[2]), args.length > 3 ? args[3] : "paper");
            default -> throw new IllegalArgumentException("gen | pipeline | train");
        }
    }

    /** Event e's burst: n = 4 + 3e packets, lengths fixed per event, one byte of jitter. */
    static int[] eventBurst(int e, SplittableRandom r) {
        int n = 4 + 3 * (e % 9);
        int[] v = new int[n];
        SplittableRandom shape = new SplittableRandom(1000 + e);
        for (int i = 0; i < n; i++) {
            int len = 52 + shape.nextInt(600);
            v[i] = (i % 2 == 0 ? -len : len) + (i == 1 ? r.nextInt(2) : 0);
        }
        return v;
    }

    static final class Writer2 implements AutoCloseable {
        final PcapWriter out;
        final byte[] frame = new byte[1514];
        final ByteBuffer b = ByteBuffer.wrap(frame);
        int id;
        long bytes;
        long packets;

        Writer2(Path file) throws IOException {
            out = new PcapWriter(Files.newOutputStream(file), LinkType.ETHERNET);
        }

        void packet(long t, long src, long dst, int ipLength) throws IOException {
            b.clear();
            b.putLong(0, 0x0200000000010200L).putInt(8, 0x00000002).putShort(12, (short) 0x0800);
            b.put(14, (byte) 0x45).putShort(16, (short) ipLength).putShort(18, (short) id++).putShort(20, (short) 0x4000);
            b.put(22, (byte) 64).put(23, (byte) 6).putInt(26, (int) src).putInt(30, (int) dst);
            b.putShort(34, (short) 443).putShort(36, (short) 50000).putInt(38, id).put(46, (byte) 0x50);
            out.write(t, frame, 0, 14 + ipLength, 14 + ipLength);
            bytes += 30 + ipLength;
            packets++;
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    static void generateTraining(Path dir) throws IOException {
        SplittableRandom r = new SplittableRandom(1);
        List<String> log = new ArrayList<>(List.of("timestamp,event"));
        try (Writer2 w = new Writer2(dir.resolve("train.pcap"))) {
            long t = 1_700_000_000_000_000_000L;
            for (int i = 0; i < 60 * EVENTS; i++) {
                int e = i % EVENTS;
                log.add(String.format(Locale.ROOT, "%d.%09d,event%02d", t / 1_000_000_000L, t % 1_000_000_000L, e));
                long p = t + 500_000_000L;
                for (int len : eventBurst(e, r)) {
                    w.packet(p, len > 0 ? CLOUD : DEVICE, len > 0 ? DEVICE : CLOUD, Math.abs(len));
                    p += 5_000_000L;
                }
                long hb = t + 10_000_000_000L;
                w.packet(hb, DEVICE, CLOUD, 100);
                w.packet(hb + 30_000_000L, CLOUD, DEVICE, 100);
                t += 20_000_000_000L;
            }
        }
        Files.write(dir.resolve("events.csv"), log);
    }

    static void generateDetection(Path file, long targetBytes) throws IOException {
        SplittableRandom r = new SplittableRandom(2);
        try (Writer2 w = new Writer2(file)) {
            long t = 1_700_000_000_000_000_000L;
            int cycle = 0;
            while (w.bytes < targetBytes) {
                int[] burst = cycle % 3 == 2 ? new int[] {-100, 100} : eventBurst(r.nextInt(EVENTS), r);
                for (int len : burst) {
                    w.packet(t, len > 0 ? CLOUD : DEVICE, len > 0 ? DEVICE : CLOUD, Math.abs(len));
                    t += 2_000_000L;
                    w.packet(t, 0x0A000000L + 3 + r.nextInt(20), 0x5DB8D822L, 40 + (r.nextInt(4) == 0 ? r.nextInt(1460) : r.nextInt(200)));
                    t += 2_000_000L;
                }
                for (int i = 0; i < 10; i++) {
                    t += 150_000_000L;
                    w.packet(t, 0x0A000000L + 3 + r.nextInt(20), 0x5DB8D822L, 40 + (r.nextInt(4) == 0 ? r.nextInt(1460) : r.nextInt(200)));
                }
                cycle++;
            }
            System.out.printf(Locale.ROOT, "%s: %d packets, %.1f MB%n", file, w.packets, Files.size(file) / 1048576.0);
        }
    }

    static void pipeline(Path signature, Path capture, int passes) throws Exception {
        Detector detector = Detector.of(SignatureFile.read(signature));
        DeviceSelector device = DeviceSelector.parse("10.0.0.2", List.of());
        double[] walk = new double[passes];
        double[] decode = new double[passes];
        double[] detect = new double[passes];
        long packets = 0;
        long[] bursts = new long[1];
        resetPeaks();
        for (int p = 0; p < passes; p++) {
            long t0 = cpuNanos();
            packets = 0;
            try (PacketSource s = CaptureReaders.open(capture)) {
                CaptureRecord rec = new CaptureRecord();
                while (s.next(rec)) {
                    packets++;
                }
            }
            walk[p] = packets / ((cpuNanos() - t0) / 1e9);
            t0 = cpuNanos();
            try (PacketSource s = CaptureReaders.open(capture)) {
                CaptureRecord rec = new CaptureRecord();
                DecodedPacket d = new DecodedPacket();
                LinkDecoder dec = new LinkDecoder();
                while (s.next(rec)) {
                    dec.decode(rec, d);
                }
            }
            decode[p] = packets / ((cpuNanos() - t0) / 1e9);
            t0 = cpuNanos();
            Writer sink = Writer.nullWriter();
            DetectionSink out = DetectionFormat.JSONL.open(sink);
            bursts[0] = 0;
            try (PacketSource s = CaptureReaders.open(capture)) {
                DeviceTraffic.run(s, new LinkDecoder(), new DeviceView(device), new BurstSegmenter(1_000_000_000L,
                        BurstSegmenter.DEFAULT_MAX_PACKETS, b -> {
                            bursts[0]++;
                            try {
                                out.accept(Detection.of("bench", device.text(), null, detector.detect(b)));
                            } catch (IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        }));
            }
            detect[p] = packets / ((cpuNanos() - t0) / 1e9);
        }
        double w = median(walk);
        double d = median(decode);
        double x = median(detect);
        System.out.printf(Locale.ROOT, "%s: %.1f MB, %d packets, %d bursts, %d passes (medians, per CPU-second)%n", capture,
                Files.size(capture) / 1048576.0, packets, bursts[0], passes);
        System.out.printf(Locale.ROOT, "  header walk      %6.2f M packets/s%n", w / 1e6);
        System.out.printf(Locale.ROOT, "  read + decode    %6.2f M packets/s  (%.2fx the walk)%n", d / 1e6, w / d);
        System.out.printf(Locale.ROOT, "  whole detection  %6.2f M packets/s  (%.2fx the walk, %.2fx read + decode)%n", x / 1e6,
                w / x, d / x);
        System.out.printf(Locale.ROOT, "  peak heap used   %6.1f MB%n", peakHeap() / 1048576.0);
    }

    static void train(int n, int passes, String classifier) {
        SplittableRandom r = new SplittableRandom(3);
        List<LabeledSample> samples = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (i % 3 == 2) {
                samples.add(new LabeledSample("other", new int[] {-100 - r.nextInt(3), 100}));
            } else {
                int e = r.nextInt(EVENTS);
                samples.add(new LabeledSample("event" + e, eventBurst(e, r)));
            }
        }
        int[] ks = classifier.equals("paper") ? PaperTrainer.DEFAULT_K : AlignmentTrainer.DEFAULT_K;
        Trainer trainer = Classifiers.trainer(classifier, ks, 1);
        double[] seconds = new double[passes];
        for (int p = 0; p < passes; p++) {
            long t0 = cpuNanos();
            trainer.train(samples);
            seconds[p] = (cpuNanos() - t0) / 1e9;
        }
        System.out.printf(Locale.ROOT, "training %s on %d labelled bursts (k among %s): median %.3f CPU-s of %d passes (min %.3f, max %.3f)%n",
                classifier, n, Arrays.toString(ks), median(seconds), passes, Arrays.stream(seconds).min().orElse(0),
                Arrays.stream(seconds).max().orElse(0));
    }

    /**
     * CPU time of this thread: on a machine shared with other jobs, packets per CPU-second is the
     * one-core throughput, where wall time would measure the neighbours.
     */
    static long cpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
