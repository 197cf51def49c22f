import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.iotevent.sim.HomeReader;
import org.iotevent.sim.HomeSimulator;
import org.iotevent.sim.SimulationOptions;
import org.iotevent.sim.SimulationSummary;

/**
 * Steady-state speed of the simulator inside one JVM (JIT warm after the first run): MB of pcap
 * written per second of wall time and per CPU-second of the process, for RUNS runs of HOURS
 * simulated hours of the default home with events every 10 s, all three captures.
 *
 *   mvn -q -DskipTests -pl core -am package && java -cp target/iotevent.jar bench/SimSteadyState.java 60 4 /tmp/simss
 *
 * (single-file source launch; JVM flags such as -XX:+UseSerialGC go before -cp).
 */
public final class SimSteadyState {
    public static void main(String[] args) throws Exception {
        double hours = args.length > 0 ? Double.parseDouble(args[0]) : 60;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        Path dir = Path.of(args.length > 2 ? args[2] : Files.createTempDirectory("simss").toString());
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double[] wall = new double[runs - 1];
        double[] cpu = new double[runs - 1];
        for (int i = 0; i < runs; i++) {
            SimulationOptions o = SimulationOptions.defaults(i).withDurationNanos((long) (hours * 3.6e12))
                    .withEventSpacingNanos(10_000_000_000L);
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            SimulationSummary s = HomeSimulator.run(HomeReader.defaultHome(), o, dir);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpuSeconds = (os.getProcessCpuTime() - c0) / 1e9;
            double mb = s.totalBytes() / 1e6;
            System.out.printf("run %d%s: %.0f MB in %.2f s wall, %.2f CPU-s: %.0f MB/s wall, %.0f MB per CPU-second%n",
                    i, i == 0 ? " (warm-up)" : "", mb, seconds, cpuSeconds, mb / seconds, mb / cpuSeconds);
            if (i > 0) {
                wall[i - 1] = mb / seconds;
                cpu[i - 1] = mb / cpuSeconds;
            }
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        System.out.printf("median after warm-up: %.0f MB/s wall, %.0f MB per CPU-second (%d cores, load average %.1f)%n",
                wall[wall.length / 2], cpu[cpu.length / 2], Runtime.getRuntime().availableProcessors(),
                os.getSystemLoadAverage());
    }
}
