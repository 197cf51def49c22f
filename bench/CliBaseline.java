import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.iotevent.cli.Main;

/**
 * The single-process baseline of bench/flink.sh: iotevent detect on every home's capture of a
 * folder, one after the other in one JVM (warmed up on the first home), as JSON Lines to a file.
 * Prints the seconds taken.
 *   java -cp target/iotevent.jar bench/CliBaseline.java HOMES_DIR SIGNATURES_DIR OUT_DIR
 */
public class CliBaseline {
    public static void main(String[] args) throws Exception {
        List<Path> homes;
        try (Stream<Path> s = Files.list(Path.of(args[0]))) {
            homes = s.filter(Files::isDirectory).sorted().toList();
        }
        Path out = Files.createDirectories(Path.of(args[2]));
        for (int warm = 0; warm < 3; warm++) {
            detect(homes.get(0), args[1], out.resolve("warm.jsonl"));
        }
        long t0 = System.nanoTime();
        for (Path home : homes) {
            detect(home, args[1], out.resolve(home.getFileName() + ".jsonl"));
        }
        System.out.printf("%.3f%n", (System.nanoTime() - t0) / 1e9);
    }

    private static void detect(Path home, String signatures, Path out) {
        int rc = Main.newCommandLine().execute("detect", "-q", "-r", home.resolve("lan.pcap").toString(), "-s", signatures,
                "--format", "jsonl", "-o", out.toString());
        if (rc != 0) {
            throw new IllegalStateException("detect failed on " + home);
        }
    }
}
