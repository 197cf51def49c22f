import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.iotevent.capture.CaptureReaders;
import org.iotevent.capture.CaptureRecord;
import org.iotevent.capture.ForwardingPacketSource;
import org.iotevent.capture.PacketSource;
import org.iotevent.capture.TimestampCheck;
import org.iotevent.cli.Main;
import org.iotevent.decode.DecodedPacket;
import org.iotevent.decode.LinkDecoder;
import org.iotevent.detect.BurstPeers;
import org.iotevent.traffic.BurstSegmenter;
import org.iotevent.traffic.DeviceSelector;
import org.iotevent.traffic.DeviceTraffic;
import org.iotevent.traffic.DeviceView;

/**
 * The reading thread of whole-home detection stage by stage, in a warm process: the CPU of the
 * calling thread for each stage over a capture, REPS times in turn (the first of each a warm-up).
 * A: the pcap reader alone; B: with detect's wrappers (count, time check, stop check); C: B and
 * the decoder; V: C and nine devices' views (192.168.1.100-108, the demo home's); D: V and their
 * segmenters; E: D and the peers (BurstPeers); F: the whole `iotevent detect -s SIGNATURES
 * --format jsonl` (output dropped; its writing thread not counted).
 *   java -XX:+UseSerialGC -Xmn32m -XX:FreqInlineSize=60 -cp target/iotevent.jar bench/ReadingStages.java \
 *       CAPTURE REPS [STAGES [SIGNATURES]]      e.g. /tmp/perf-home/lan.pcap 6 CE
 */
public class ReadingStages {
    static long sink;

    public static void main(String[] a) throws Exception {
        Path capture = Path.of(a[0]);
        int reps = Integer.parseInt(a[1]);
        String stages = a.length > 2 ? a[2] : "ABCVDE";
        String signatures = a.length > 3 ? a[3] : "/tmp/perf-demo/signatures";
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (char stage : stages.toCharArray()) {
            List<Double> seconds = new ArrayList<>();
            for (int rep = 0; rep < reps; rep++) {
                long before = mx.getCurrentThreadCpuTime();
                run(stage, capture, signatures);
                seconds.add((mx.getCurrentThreadCpuTime() - before) / 1e9);
            }
            List<Double> warm = new ArrayList<>(seconds.subList(Math.min(1, reps - 1), reps));
            warm.sort(null);
            System.out.printf("%s: median %.3f s, min %.3f s (runs %s)%n", stage, warm.get(warm.size() / 2), warm.get(0),
                    seconds.stream().map(s -> String.format("%.3f", s)).toList());
        }
    }

    /** The reader wrapped as detect wraps it: packets counted, timestamps checked, a stop looked for. */
    static PacketSource wrapped(Path f) throws IOException {
        PacketSource counted = new ForwardingPacketSource(CaptureReaders.open(f)) {
            long n;

            @Override
            public boolean next(CaptureRecord r) throws IOException {
                boolean more = source.next(r);
                if (more && ++n % 4096 == 0) {
                    sink += r.fileOffset;
                }
                return more;
            }
        };
        return new ForwardingPacketSource(new TimestampCheck(counted, w -> {})) {
            volatile boolean stop;

            @Override
            public boolean next(CaptureRecord r) throws IOException {
                return !stop && source.next(r);
            }
        };
    }

    static void run(char stage, Path f, String signatures) throws IOException {
        CaptureRecord r = new CaptureRecord();
        if (stage == 'F') {
            PrintStream out = System.out;
            PrintStream err = System.err;
            try {
                System.setOut(new PrintStream(OutputStream.nullOutputStream()));
                System.setErr(new PrintStream(OutputStream.nullOutputStream()));
                Main.newCommandLine().execute("detect", "-r", f.toString(), "-s", signatures, "--format", "jsonl");
            } finally {
                System.setOut(out);
                System.setErr(err);
            }
            return;
        }
        if (stage == 'A') {
            try (PacketSource s = CaptureReaders.open(f)) {
                while (s.next(r)) {
                    sink += r.capturedLength;
                }
            }
            return;
        }
        try (PacketSource s = wrapped(f)) {
            if (stage == 'B' || stage == 'C') {
                LinkDecoder decoder = new LinkDecoder();
                DecodedPacket p = new DecodedPacket();
                while (s.next(r)) {
                    if (stage == 'C') {
                        decoder.decode(r, p);
                    }
                    sink += r.capturedLength;
                }
                return;
            }
            List<DeviceView> views = new ArrayList<>();
            List<BurstSegmenter> segmenters = new ArrayList<>();
            for (int i = 100; i <= 108; i++) {
                views.add(new DeviceView(DeviceSelector.parse("192.168.1." + i, List.of())));
                segmenters.add(new BurstSegmenter(1_000_000_000L, BurstSegmenter.DEFAULT_MAX_PACKETS,
                        b -> sink += b.packetCount()));
            }
            switch (stage) {
                case 'V' -> DeviceTraffic.observe(s, new LinkDecoder(), views, new DeviceTraffic.PacketObserver() {
                    @Override
                    public void packet(CaptureRecord record, DecodedPacket packet, int[] signed) {
                        sink += signed[0];
                    }

                    @Override
                    public boolean keptOnly() {
                        return true;
                    }
                });
                case 'D' -> DeviceTraffic.runAll(s, new LinkDecoder(), views, segmenters);
                case 'E' -> DeviceTraffic.runAll(s, new LinkDecoder(), views, segmenters, new BurstPeers(segmenters));
                default -> throw new IllegalArgumentException("stage " + stage + ": expected A, B, C, V, D, E or F");
            }
        }
    }
}
