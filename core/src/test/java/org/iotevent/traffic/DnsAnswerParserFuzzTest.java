package org.iotevent.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Coverage-guided fuzzing of the DNS answer parser on arbitrary UDP payloads, at any offset in
 * the buffer and with any domain list: it never throws, and what it reports learnt is what the
 * address set gained (at most one address per answer record, at most 64 records). Regression mode
 * replays {@code DnsAnswerParserFuzzTestInputs/}; {@code bench/fuzz.sh} fuzzes.
 */
class DnsAnswerParserFuzzTest {
    @FuzzTest(maxDuration = "5m")
    void anyPayloadTeachesAtMostItsAnswersAndNeverThrows(FuzzedDataProvider data) {
        List<String> domains = List.of(data.consumeString(40).toLowerCase(java.util.Locale.ROOT), "tplinkcloud.com");
        int offset = data.consumeInt(-2, 40);
        int extra = data.consumeInt(-2, 8);
        byte[] bytes = data.consumeRemainingAsBytes();
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        int length = Math.max(0, bytes.length - Math.max(offset, 0)) + extra;
        AddressSet into = new AddressSet();
        int learnt = new DnsAnswerParser(domains).learn(buf, offset, length, into);
        assertThat(learnt).isBetween(0, 64).isEqualTo(into.size());
        assertThat(buf.position()).isZero();
        assertThat(buf.limit()).isEqualTo(bytes.length);
    }
}
