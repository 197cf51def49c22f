package org.iotevent.decode;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressFormatTest {
    private static String v6(long hi, long lo) {
        return AddressFormat.appendIpv6(new StringBuilder(), hi, lo).toString();
    }

    @Test
    void macIsLowerCaseColonSeparated() {
        assertThat(AddressFormat.mac(0x00A0_0B21_3784L)).isEqualTo("00:a0:0b:21:37:84");
        assertThat(AddressFormat.mac(0xFFFF_FFFF_FFFFL)).isEqualTo("ff:ff:ff:ff:ff:ff");
        assertThat(AddressFormat.mac(-1)).isEmpty();
    }

    @Test
    void ipv4IsDottedQuad() {
        assertThat(AddressFormat.appendIpv4(new StringBuilder(), 0xC0A8_0001L).toString()).isEqualTo("192.168.0.1");
        assertThat(AddressFormat.appendIpv4(new StringBuilder(), 0xFFFF_FFFFL).toString())
                .isEqualTo("255.255.255.255");
    }

    @Test
    void ipv6CompressesTheFirstLongestZeroRun() {
        assertThat(v6(0, 0)).isEqualTo("::");
        assertThat(v6(0, 1)).isEqualTo("::1");
        assertThat(v6(0x2001_0db8_0000_0000L, 1)).isEqualTo("2001:db8::1");
        assertThat(v6(0xfe80_0000_0000_0000L, 0xf16d_0891_6486_0001L)).isEqualTo("fe80::f16d:891:6486:1");
        assertThat(v6(0x2001_0db8_0000_0001L, 0x0001_0001_0001_0001L)).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(v6(0x2001_0000_0000_0001L, 0x0000_0000_0000_0001L)).isEqualTo("2001:0:0:1::1");
        assertThat(v6(0x2001_0db8_0000_0000L, 0x0001_0000_0000_0001L)).isEqualTo("2001:db8::1:0:0:1");
        assertThat(v6(0xff02_0000_0000_0000L, 0x0000_0000_0000_0016L)).isEqualTo("ff02::16");
        assertThat(v6(0x0001_0000_0000_0000L, 0)).isEqualTo("1::");
    }

    @Test
    void ipv6MappedAndCompatibleAddressesEndInDottedQuad() {
        assertThat(v6(0, 0x0000_ffff_c000_0201L)).isEqualTo("::ffff:192.0.2.1");
        assertThat(v6(0, 0x0000_0000_c000_0201L)).isEqualTo("::192.0.2.1");
    }
}
