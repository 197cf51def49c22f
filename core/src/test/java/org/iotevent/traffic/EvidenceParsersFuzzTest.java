package org.iotevent.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Coverage-guided fuzzing of what {@code devices} reads from packets and files: a ClientHello's
 * SNI, DHCP, SSDP and every DNS record of a payload at any offset never throw and give printable
 * text only; an IEEE registry file either reads or fails with an IOException naming its line.
 * Regression mode replays {@code EvidenceParsersFuzzTestInputs/}; {@code bench/fuzz.sh} fuzzes.
 */
class EvidenceParsersFuzzTest {
    @FuzzTest(maxDuration = "5m")
    void anyPayloadGivesPrintableEvidenceAndNeverThrows(FuzzedDataProvider data) {
        int offset = data.consumeInt(0, 40);
        byte[] bytes = data.consumeRemainingAsBytes();
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        int length = Math.max(0, bytes.length - offset);
        if (offset > bytes.length) {
            return;
        }
        String sni = TlsClientHello.serverName(buf, offset, length);
        assertThat(sni == null || sni.chars().allMatch(c -> c > 0x20 && c < 0x7F)).isTrue();
        DhcpMessage dhcp = DhcpMessage.parse(buf, offset, length);
        if (dhcp != null) {
            for (String s : new String[] {dhcp.hostName(), dhcp.vendorClass()}) {
                assertThat(s == null || s.chars().allMatch(c -> c >= 0x20 && c < 0x7F)).isTrue();
            }
        }
        SsdpMessage ssdp = SsdpMessage.parse(buf, offset, length);
        if (ssdp != null) {
            for (String s : new String[] {ssdp.server(), ssdp.type(), ssdp.usn()}) {
                assertThat(s == null || s.chars().allMatch(c -> c >= 0x20 && c < 0x7F)).isTrue();
            }
        }
        int[] records = {0};
        DnsAnswerParser.walk(buf, offset, length, new DnsAnswerParser.Visitor() {
            @Override
            public void question(String name) {}

            @Override
            public void record(DnsAnswerParser.Reader m, int section, String owner, int type, int rdata, int rdLength) {
                records[0]++;
                assertThat(rdata + rdLength).isLessThanOrEqualTo(offset + length);
                m.name(rdata);
            }
        });
        assertThat(records[0]).isLessThanOrEqualTo(64);
        assertThat(buf.position()).isZero();
    }

    @FuzzTest(maxDuration = "5m")
    void anyRegistryFileReadsOrFailsWithItsLine(FuzzedDataProvider data) throws IOException {
        Path f = Files.createTempFile("oui", ".csv");
        try {
            Files.write(f, data.consumeRemainingAsBytes());
            try {
                OuiRegistry r = OuiRegistry.read(List.of(f));
                assertThat(r.size()).isNotNegative();
            } catch (IOException e) {
                assertThat(e.getMessage()).contains(f.toString());
            }
        } finally {
            Files.deleteIfExists(f);
        }
    }
}
