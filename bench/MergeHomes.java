import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.iotevent.capture.HomeCaptures;

/**
 * A folder of homes read together on their common timeline, as `iotevent publish --homes` and the
 * Flink job's reader read them (HomeCaptures.merge), the packets counted and dropped: the time to
 * read and the peak resident memory, which grew with the number of homes while each was mapped
 * with a look-ahead thread (docs/performance.md, round 9). LIMIT stops after that many packets.
 *   ./iotevent simulate --homes 1000 --hours 0.25 --vantage lan --seed 7 -o /tmp/panel
 *   /usr/bin/time -v java -XX:+UseSerialGC -Xmn32m -cp target/iotevent.jar bench/MergeHomes.java /tmp/panel [LIMIT]
 */
public class MergeHomes {
    public static void main(String[] args) throws Exception {
        List<HomeCaptures.HomeCapture> homes = HomeCaptures.list(Path.of(args[0]));
        long limit = args.length > 1 ? Long.parseLong(args[1]) : Long.MAX_VALUE;
        long[] packets = {0};
        long start = System.nanoTime();
        try {
            HomeCaptures.merge(homes, (home, record, timeline) -> {
                if (++packets[0] == limit) {
                    throw new Stop();
                }
            });
        } catch (Stop stop) {
            // the limit
        }
        String peak = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM"))
                .findFirst().orElse("VmHWM: ?").replaceAll("\\s+", " ");
        System.out.printf("%d homes, %d packets in %.2f s; peak resident %s%n", homes.size(), packets[0],
                (System.nanoTime() - start) / 1e9, peak.substring(peak.indexOf(' ') + 1));
    }

    /** Stops the merge at the limit. */
    private static final class Stop extends RuntimeException {
        Stop() {
            super(null, null, false, false);
        }
    }
}
