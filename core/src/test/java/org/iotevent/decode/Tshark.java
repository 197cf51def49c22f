package org.iotevent.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a live tshark for the differential tests; a test that calls it skips where tshark is missing. */
final class Tshark {
    private Tshark() {}

    /**
     * {@code tshark -n -r FILE -T fields} with reassembly off, repeated fields joined with
     * {@code |}: one String[] of the fields' cells per frame.
     */
    static List<String[]> fields(Path file, String... fields) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tshark", "-n", "-r", file.toString(), "-o",
                "ip.defragment:FALSE", "-o", "ipv6.defragment:FALSE", "-o", "tcp.desegment_tcp_streams:FALSE",
                "-T", "fields", "-E", "separator=/t", "-E", "occurrence=a", "-E", "aggregator=|"));
        for (String f : fields) {
            command.add("-e");
            command.add(f);
        }
        Process p;
        try {
            p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            assumeTrue(false, "tshark is not installed (apt-get install tshark; .ci/run installs it)");
            throw e;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("tshark finished").isTrue();
        List<String[]> rows = new ArrayList<>();
        for (String line : out.lines().toList()) {
            String[] cells = new String[fields.length];
            String[] c = line.split("\t", -1);
            for (int i = 0; i < fields.length; i++) {
                cells[i] = i < c.length ? c[i] : "";
            }
            rows.add(cells);
        }
        return rows;
    }
}
