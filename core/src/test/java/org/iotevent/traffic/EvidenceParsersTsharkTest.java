package org.iotevent.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.iotevent.capture.CaptureReaders;
import org.iotevent.capture.CaptureRecord;
import org.iotevent.capture.PacketSource;
import org.iotevent.decode.DecodedPacket;
import org.iotevent.decode.LinkDecoder;
import org.iotevent.decode.Oracle;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The SNI of ClientHellos and the DHCP message types read from every test capture agree with
 * tshark 4.0.17's oracle ({@code tls.handshake.extensions_server_name}, {@code dhcp.option.dhcp}):
 * every name tshark shows is found, and nothing tshark does not show.
 */
class EvidenceParsersTsharkTest {
    @TestFactory
    Stream<DynamicTest> serverNamesAndDhcpTypesAgreeWithTshark() {
        return Oracle.testEach(this::check);
    }

    private void check(Path capture) throws Exception {
        Oracle oracle = Oracle.of(capture);
        if (oracle.rows().isEmpty()) {
            return; // a file tshark rejects: nothing to compare
        }
        List<String> expected = new ArrayList<>();
        List<String> found = new ArrayList<>();
        try (PacketSource source = CaptureReaders.open(capture)) {
            CaptureRecord record = new CaptureRecord();
            DecodedPacket p = new DecodedPacket();
            LinkDecoder decoder = new LinkDecoder();
            int i = 0;
            while (i < oracle.rows().size() && nextOrEnd(source, record)) {
                Oracle.Row row = oracle.rows().get(i++);
                decoder.decode(record, p);
                String sni = row.first("tls.handshake.extensions_server_name");
                String dhcp = row.first("dhcp.option.dhcp");
                if (!sni.isEmpty()) {
                    expected.add(i + " sni " + sni.toLowerCase(java.util.Locale.ROOT));
                }
                if (!dhcp.isEmpty()) {
                    expected.add(i + " dhcp " + dhcp);
                }
                if (p.payloadOffset < 0) {
                    continue;
                }
                int at = record.dataOffset + p.payloadOffset;
                if (p.ipProto == 6) {
                    String name = TlsClientHello.serverName(record.data, at, p.payloadLength);
                    if (name != null) {
                        found.add(i + " sni " + name);
                    }
                } else if (p.ipProto == 17 && (p.dstPort == 67 || p.dstPort == 68)) {
                    DhcpMessage m = DhcpMessage.parse(record.data, at, p.payloadLength);
                    if (m != null && m.messageType() > 0) {
                        found.add(i + " dhcp " + m.messageType());
                    }
                }
            }
        }
        assertThat(found).as(capture.getFileName().toString()).isEqualTo(expected);
    }

    /** The next record, or false at the end or at a cut file's fault (the rows before it are compared). */
    private static boolean nextOrEnd(PacketSource source, CaptureRecord record) {
        try {
            return source.next(record);
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
