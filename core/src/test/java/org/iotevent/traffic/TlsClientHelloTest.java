package org.iotevent.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TlsClientHelloTest {
    /** A TLS 1.2 ClientHello record: no session id, one suite, null compression, server_name then one more extension. */
    static byte[] hello(String name) {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        int sni = 2 + 1 + 2 + n.length;
        int extensions = 4 + sni + 4 + 2;
        int body = 2 + 32 + 1 + 2 + 2 + 1 + 1 + 2 + extensions;
        ByteBuffer b = ByteBuffer.allocate(5 + 4 + body);
        b.put((byte) 22).putShort((short) 0x0301).putShort((short) (4 + body));
        b.put((byte) 1).put((byte) 0).putShort((short) body);
        b.putShort((short) 0x0303).put(new byte[32]).put((byte) 0);
        b.putShort((short) 2).putShort((short) 0xC02F).put((byte) 1).put((byte) 0);
        b.putShort((short) extensions);
        b.putShort((short) 0).putShort((short) sni).putShort((short) (sni - 2)).put((byte) 0).putShort((short) n.length).put(n);
        b.putShort((short) 0x000b).putShort((short) 2).put((byte) 1).put((byte) 0);
        return b.array();
    }

    @Test
    void readsTheServerNameInLowerCase() {
        byte[] h = hello("Devs.TPLinkCloud.com");
        assertThat(TlsClientHello.serverName(ByteBuffer.wrap(h), 0, h.length)).isEqualTo("devs.tplinkcloud.com");
    }

    @Test
    void everyCutOfTheHelloGivesNothingRatherThanAWrongName() {
        byte[] h = hello("events.tplinkra.com");
        int shortestWithName = h.length - 6; // the last extension is not needed
        for (int cut = 0; cut < shortestWithName; cut++) {
            assertThat(TlsClientHello.serverName(ByteBuffer.wrap(h), 0, cut)).as("cut at %d", cut).isNull();
        }
    }

    @Test
    void flippedBytesNeverThrow() {
        byte[] h = hello("events.tplinkra.com");
        java.util.SplittableRandom rng = new java.util.SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            byte[] c = h.clone();
            c[rng.nextInt(c.length)] = (byte) rng.nextInt(256);
            String name = TlsClientHello.serverName(ByteBuffer.wrap(c), 0, c.length);
            assertThat(name == null || name.chars().allMatch(ch -> ch > 0x20 && ch < 0x7F)).isTrue();
        }
    }
}
