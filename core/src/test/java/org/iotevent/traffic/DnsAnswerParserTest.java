package org.iotevent.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class DnsAnswerParserTest {
    /**
     * A response to "devs.tplinkcloud.com A": CNAME to "edge.aws.example", whose A record is
     * 52.1.2.3, plus an unrelated A record for "other.example" (10.9.9.9).
     */
    static byte[] response() {
        return bytes(
                0x12, 0x34, 0x81, 0x80, 0, 1, 0, 3, 0, 0, 0, 0,
                // question at 12: devs.tplinkcloud.com A IN
                4, 'd', 'e', 'v', 's', 11, 't', 'p', 'l', 'i', 'n', 'k', 'c', 'l', 'o', 'u', 'd', 3, 'c', 'o', 'm', 0,
                0, 1, 0, 1,
                // answer 1: pointer to the question name, CNAME, IN, ttl, rdlength 18, edge.aws.example
                0xC0, 12, 0, 5, 0, 1, 0, 0, 0, 60, 0, 18,
                4, 'e', 'd', 'g', 'e', 3, 'a', 'w', 's', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0,
                // answer 2: pointer to edge.aws.example (offset 50), A 52.1.2.3
                0xC0, 50, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 52, 1, 2, 3,
                // answer 3: other.example A 10.9.9.9 (pointer to "example" at 59)
                5, 'o', 't', 'h', 'e', 'r', 0xC0, 59, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 10, 9, 9, 9);
    }

    static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    @Test
    void learnsTheAddressBehindACnameChainOnly() {
        AddressSet set = new AddressSet();
        byte[] msg = response();
        int learnt = new DnsAnswerParser(List.of("tplinkcloud.com")).learn(ByteBuffer.wrap(msg), 0, msg.length, set);
        assertThat(learnt).isEqualTo(1);
        assertThat(set.formatted()).containsExactly("52.1.2.3");
    }

    @Test
    void learnsAtAnOffsetInsideALargerBuffer() {
        byte[] msg = response();
        byte[] framed = new byte[msg.length + 30];
        System.arraycopy(msg, 0, framed, 20, msg.length);
        AddressSet set = new AddressSet();
        new DnsAnswerParser(List.of("devs.tplinkcloud.com")).learn(ByteBuffer.wrap(framed), 20, msg.length, set);
        assertThat(set.formatted()).containsExactly("52.1.2.3");
    }

    @Test
    void everyCutAndEveryCorruptedByteIsSafe() {
        byte[] msg = response();
        DnsAnswerParser parser = new DnsAnswerParser(List.of("tplinkcloud.com"));
        for (int cut = 0; cut <= msg.length; cut++) {
            AddressSet set = new AddressSet();
            parser.learn(ByteBuffer.wrap(msg), 0, cut, set);
            assertThat(set.size()).as("cut at %d (the A record ends at 84)", cut).isEqualTo(cut < 84 ? 0 : 1);
        }
        for (int i = 0; i < msg.length; i++) {
            for (int v : new int[] {0x00, 0x3F, 0xC0, 0xFF}) {
                byte[] bad = msg.clone();
                bad[i] = (byte) v;
                AddressSet set = new AddressSet();
                parser.learn(ByteBuffer.wrap(bad), 0, bad.length, set);
                assertThat(set.size()).isLessThanOrEqualTo(2);
            }
        }
    }

    @Test
    void aPointerLoopEndsAsMalformed() {
        byte[] loop = bytes(0, 0, 0x81, 0x80, 0, 0, 0, 1, 0, 0, 0, 0,
                0xC0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 1, 2, 3, 4);
        AddressSet set = new AddressSet();
        assertThat(new DnsAnswerParser(List.of("x")).learn(ByteBuffer.wrap(loop), 0, loop.length, set)).isZero();
    }

    @Test
    void queriesTeachNothing() {
        byte[] msg = response();
        msg[2] = 0x01;
        AddressSet set = new AddressSet();
        assertThat(new DnsAnswerParser(List.of("tplinkcloud.com")).learn(ByteBuffer.wrap(msg), 0, msg.length, set)).isZero();
    }
}
