package org.iotevent.decode;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.iotevent.capture.CaptureReaders;
import org.iotevent.capture.CaptureRecord;
import org.iotevent.capture.FilteredSource;
import org.iotevent.capture.PacketFilter;
import org.iotevent.capture.PacketSource;

/**
 * Cost of a filter expression (libpcap's code run by {@code BpfProgram}) on a seeded capture from
 * {@link DecodeBenchmark#generate}: packets/s reading alone and reading through the filter,
 * median of the passes, on CPU time of this thread; and bytes allocated per packet by the filter.
 * Run by {@code bench/filter-benchmark.sh}.
 */
public final class FilterBenchmark {
    private FilterBenchmark() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        long sizeMb = Long.parseLong(args[1]);
        int passes = Integer.parseInt(args[2]);
        Path file = dir.resolve("filter-" + sizeMb + ".pcap");
        long packets = DecodeBenchmark.generate(file, sizeMb << 20);
        System.out.printf(Locale.ROOT, "capture: %d MB, %d packets%n", Files.size(file) >> 20, packets);
        report("read only", file, null, passes, packets);
        for (String e : new String[] {"tcp port 443", "vlan and udp", "ip6 or net 10.0.0.0/24",
                "tcp[tcpflags] & tcp-syn != 0 or greater 1200"}) {
            report("'" + e + "'", file, e, passes, packets);
        }
    }

    private static void report(String what, Path file, String expression, int passes, long packets) throws IOException {
        double[] rates = new double[passes];
        long kept = 0;
        long allocated = 0;
        for (int p = 0; p < passes; p++) {
            PacketFilter filter = expression == null ? null : PacketFilter.of(expression);
            long t0 = cpuNanos();
            long a0 = allocatedBytes();
            kept = 0;
            try (PacketSource s = FilteredSource.of(CaptureReaders.open(file), filter, Long.MAX_VALUE)) {
                CaptureRecord r = new CaptureRecord();
                while (s.next(r)) {
                    kept++;
                }
            }
            allocated += allocatedBytes() - a0;
            rates[p] = packets / ((cpuNanos() - t0) / 1e9);
        }
        java.util.Arrays.sort(rates);
        System.out.printf(Locale.ROOT, "%-50s %6.2f M packets/s, kept %d, %.4f bytes allocated per packet%n", what,
                rates[passes / 2] / 1e6, kept, (double) allocated / passes / packets);
    }

    private static long cpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
