package org.iotevent.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.iotevent.capture.CaptureReaders;
import org.iotevent.capture.CaptureRecord;
import org.iotevent.capture.PacketSource;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The IP-layer length, the feature length every later stage uses, against a live tshark
 * ({@code ip.len}, {@code ipv6.plen + 40}) on every capture of the test capture set (src/test/resources/captures). The stored
 * oracle has no length column, so this test runs tshark itself; it skips without tshark.
 */
class IpLengthTsharkTest {

    @TestFactory
    Stream<DynamicTest> ipLengthMatchesTshark() throws IOException {
        return Oracle.testEach(IpLengthTsharkTest::check);
    }

    private static void check(Path capture) throws IOException, InterruptedException {
        List<String[]> expected = new ArrayList<>();
        for (String[] c : Tshark.fields(capture, "frame.cb_pen", "frame.protocols", "ip.len", "ipv6.plen")) {
            if (c[0].isEmpty()) {
                expected.add(c);
            }
        }
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
                String want = net.equals("ip") ? first(c[2])
                        : net.equals("ipv6") ? String.valueOf(Integer.parseInt(first(c[3])) + 40) : "";
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

    private static String first(String repeated) {
        int bar = repeated.indexOf('|');
        return bar < 0 ? repeated : repeated.substring(0, bar);
    }
}
