package org.iotevent.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.iotevent.capture.CaptureReaders;
import org.iotevent.capture.CaptureRecord;
import org.iotevent.capture.PacketSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The IP-layer length, the feature length every later stage uses, against a live tshark
 * ({@code ip.len}, {@code ipv6.plen + 40}) on every capture of ../shared/captures. The stored
 * oracle has no length column, so this test runs tshark itself; it skips without tshark.
 */
class IpLengthTsharkTest {
    @BeforeAll
    static void needsTshark() {
        boolean present;
        try {
            Process p = new ProcessBuilder("tshark", "-v").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            present = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            present = false;
        }
        assumeTrue(present, "tshark is not installed (apt-get install tshark; .ci/run installs it)");
    }

    @TestFactory
    Stream<DynamicTest> ipLengthMatchesTshark() throws IOException {
        return Oracle.testEach(IpLengthTsharkTest::check);
    }

    private static void check(Path capture) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("tshark", "-n", "-r", capture.toString(), "-o", "ip.defragment:FALSE",
                "-o", "ipv6.defragment:FALSE", "-T", "fields", "-E", "separator=/t", "-E", "occurrence=f",
                "-e", "frame.cb_pen", "-e", "frame.protocols", "-e", "ip.len", "-e", "ipv6.plen")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String[]> expected = new ArrayList<>();
        for (String line : new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            String[] c = line.split("\t", -1);
            if (c.length == 4 && c[0].isEmpty()) {
                expected.add(c);
            }
        }
        p.waitFor(60, TimeUnit.SECONDS);
        List<String> mismatches = new ArrayList<>();
        LinkDecoder decoder = new LinkDecoder();
        DecodedPacket d = new DecodedPacket();
        CaptureRecord r = new CaptureRecord();
        int i = 0;
        try (PacketSource source = CaptureReaders.open(capture)) {
            while (source.next(r) && i < expected.size()) {
                decoder.decode(r, d);
                String[] c = expected.get(i++);
                String net = new Oracle.Row(Map.of("frame.protocols", c[1])).network();
                String want = net.equals("ip") ? c[2] : net.equals("ipv6") ? String.valueOf(Integer.parseInt(c[3]) + 40) : "";
                String got = d.ipLength < 0 ? "" : String.valueOf(d.ipLength);
                if (!want.equals(got)) {
                    mismatches.add("frame " + i + ": tshark " + want + ", decoder " + got);
                }
            }
        } catch (IOException e) {
            // A damaged file: the frames before the fault were compared.
        }
        assertThat(i).as("frames compared").isEqualTo(expected.size());
        assertThat(mismatches).as("%s: IP lengths that differ from tshark", capture.getFileName()).isEmpty();
    }
}
