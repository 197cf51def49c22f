package org.iotevent.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.iotevent.capture.CaptureReaders;
import org.iotevent.capture.CaptureRecord;
import org.iotevent.capture.PacketSource;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The decoder's fields that {@code iotevent inspect} does not print, against the tshark oracle of
 * every capture in the test capture set (src/test/resources/captures): VLAN ids, the 802.11 DS bits, SLL protocol, fragment
 * fields, the transport payload length, and the status (truncated only where the capture cut
 * the frame, malformed only where tshark also complained, ok on whole frames tshark did not
 * complain about, not ok where tshark's last layer is a malformed TCP/UDP header).
 * The columns {@code inspect} prints are compared by {@code InspectConformanceTest}.
 */
class DecodeConformanceTest {

    @TestFactory
    Stream<DynamicTest> everyCaptureMatchesItsOracle() throws IOException {
        return Oracle.testEach(DecodeConformanceTest::check);
    }

    private static void check(Path capture) throws IOException {
        Oracle oracle = Oracle.of(capture);
        List<String> mismatches = new ArrayList<>();
        LinkDecoder decoder = new LinkDecoder();
        DecodedPacket p = new DecodedPacket();
        CaptureRecord record = new CaptureRecord();
        int frame = 0;
        try (PacketSource source = CaptureReaders.open(capture)) {
            while (source.next(record)) {
                decoder.decode(record, p);
                compare(oracle.rows().get(frame), p, frame + 1, mismatches);
                frame++;
            }
        } catch (IOException e) {
            assertThat(oracle.error()).as("tshark read %s without error, we failed: %s", capture, e).isNotEmpty();
        }
        assertThat(frame).isEqualTo(oracle.rows().size());
        assertThat(decoder.guardTrips()).isZero();
        assertThat(mismatches).as("%s: decoder fields that differ from tshark", capture.getFileName()).isEmpty();
    }

    private static void compare(Oracle.Row o, DecodedPacket p, int frame, List<String> out) {
        expect(out, frame, "vlan.id", o.first("vlan.id"), p.vlanId < 0 ? "" : String.valueOf(p.vlanId));
        int tags = o.raw("vlan.id").isEmpty() ? 0 : o.raw("vlan.id").split("\\|").length;
        expect(out, frame, "vlan tags", String.valueOf(tags), String.valueOf(p.vlanTags));
        expect(out, frame, "wlan.fc.ds", o.first("wlan.fc.ds"), p.wlan && p.wlanTypeSubtype >= 0
                ? String.format("0x%02x", p.wlanDs) : "");
        if (!o.first("sll.etype").isEmpty()) {
            expect(out, frame, "sll.etype", o.first("sll.etype"), String.format("0x%04x", p.etherType));
        }
        String net = o.network();
        if (net.equals("ip")) {
            expect(out, frame, "ip.hdr_len", o.first("ip.hdr_len"), String.valueOf(ipv4HeaderLength(p)));
            boolean more = o.first("ip.flags.mf").equals("1");
            int offset = Integer.parseInt(o.first("ip.frag_offset")) * 8;
            expect(out, frame, "ip fragment", (more || offset != 0) + " " + offset,
                    p.ipFragment + " " + p.ipFragmentOffset);
        } else if (net.equals("ipv6") && !o.first("ipv6.fraghdr.offset").isEmpty()) {
            int offset = Integer.parseInt(o.first("ipv6.fraghdr.offset")) * 8;
            expect(out, frame, "ipv6 fragment offset", String.valueOf(offset), String.valueOf(p.ipFragmentOffset));
            expect(out, frame, "ipv6 fragment", String.valueOf(offset != 0 || o.first("ipv6.fraghdr.more").equals("1")),
                    String.valueOf(p.ipFragment));
        }
        String transport = o.transport();
        if (o.whole() && p.status == Status.OK && !p.ipFragment) {
            if (transport.equals("tcp")) {
                expect(out, frame, "tcp.len", o.first("tcp.len"), String.valueOf(p.payloadLength));
            } else if (transport.equals("udp")) {
                expect(out, frame, "udp.length - 8", String.valueOf(Integer.parseInt(o.first("udp.length")) - 8),
                        String.valueOf(p.payloadLength));
            }
        }
        String status = p.statusLabel();
        if (p.status == Status.TRUNCATED && o.whole()) {
            out.add("frame " + frame + ": " + status + " but the capture holds the whole frame");
        }
        boolean tsharkComplained = o.malformed() || !o.raw("_ws.expert.message").isEmpty();
        if (p.status == Status.MALFORMED && !tsharkComplained) {
            out.add("frame " + frame + ": " + status + " but tshark found nothing wrong");
        }
        if (p.status != Status.OK && o.whole() && !tsharkComplained) {
            out.add("frame " + frame + ": " + status + " but tshark decoded the whole frame without a complaint");
        }
        if (p.status == Status.OK && o.whole() && o.malformed() && o.raw("frame.protocols").endsWith(":" + transport)
                && !transport.isEmpty()) {
            out.add("frame " + frame + ": ok but tshark found its " + transport + " header malformed");
        }
    }

    private static int ipv4HeaderLength(DecodedPacket p) {
        return p.ipOffset < 0 ? -1 : (p.record.u8(p.ipOffset) & 0x0F) * 4;
    }

    private static void expect(List<String> out, int frame, String field, String expected, String actual) {
        if (!Objects.equals(expected, actual)) {
            out.add("frame " + frame + " " + field + ": expected '" + expected + "' got '" + actual + "'");
        }
    }
}
