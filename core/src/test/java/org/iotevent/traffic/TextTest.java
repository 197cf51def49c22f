package org.iotevent.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link Text#printable}: what a packet's bytes or a file's text may show in a terminal. */
class TextTest {
    @Test
    void bytesOutsidePrintableAsciiShowAsQuestionMarksAndAFinalNulIsLeftOut() {
        byte[] packet = {'x', 'x', ' ', 'p', 'l', 'u', 'g', '\n', (byte) 0xE9, 0x7F, 0, 'a', ' ', 0, 'y'};
        ByteBuffer buf = ByteBuffer.wrap(packet);
        assertThat(Text.printable(buf, 2, 12)).as("from offset 2, 12 bytes, the last a NUL").isEqualTo("plug???" + "?a");
        assertThat(Text.printable(buf, 3, 12)).as("a NUL inside is shown").isEqualTo("plug????a ?y");
        assertThat(Text.printable(buf, 12, 2)).as("a space and a NUL: nothing").isNull();
        assertThat(Text.printable(buf, 13, 1)).as("a NUL alone").isNull();
        assertThat(Text.printable(buf, 0, 0)).isNull();
    }

    @Test
    void aStringIsJudgedByTheSameRule() {
        assertThat(Text.printable("  Acme\tPlug é\u0000 ")).isEqualTo("Acme?Plug ??");
        assertThat(Text.printable(" \u00A0 ")).isEqualTo("?");
        assertThat(Text.printable("   ")).isNull();
        byte[] latin = "Caf\u00e9 ".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(Text.printable(ByteBuffer.wrap(latin), 0, latin.length)).isEqualTo(Text.printable("Caf\u00e9 "))
                .isEqualTo("Caf?");
    }
}
