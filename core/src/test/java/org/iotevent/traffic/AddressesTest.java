package org.iotevent.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressesTest {
    @Test
    void ipv4RoundTripsAsMappedKey() {
        long[] key = Addresses.parseIp("192.168.1.159");
        assertThat(key[0]).isZero();
        assertThat(key[1]).isEqualTo(Addresses.v4Key(0xC0A8019FL));
        assertThat(Addresses.formatIp(key[0], key[1])).isEqualTo("192.168.1.159");
    }

    @Test
    void ipv6FormsParseAndFormatCompressed() {
        long[] key = Addresses.parseIp("2001:db8::1");
        assertThat(key).containsExactly(0x20010DB800000000L, 1L);
        assertThat(Addresses.formatIp(key[0], key[1])).isEqualTo("2001:db8::1");
        assertThat(Addresses.parseIp("[fe80::a:b]")).containsExactly(0xFE80000000000000L, 0xA000BL);
        assertThat(Addresses.parseIp("::ffff:10.0.0.1")).containsExactly(0L, Addresses.v4Key(0x0A000001L));
    }

    @Test
    void notAnAddressGivesNull() {
        assertThat(Addresses.parseIp("192.168.1")).isNull();
        assertThat(Addresses.parseIp("192.168.1.256")).isNull();
        assertThat(Addresses.parseIp("1::2::3")).isNull();
        assertThat(Addresses.parseIp("devs.tplinkcloud.com")).isNull();
        assertThat(Addresses.parseMac("50:c7:bf:33:1f")).isEqualTo(-1);
    }

    @Test
    void macParsesBothSeparatorsAndFormatsLowerCase() {
        assertThat(Addresses.parseMac("50-C7-BF-33-1F-09")).isEqualTo(0x50C7BF331F09L);
        assertThat(Addresses.formatMac(0x50C7BF331F09L)).isEqualTo("50:c7:bf:33:1f:09");
    }

    /** One station's address: not a group (multicast, broadcast), not all zeros, not the "no link address" -1. */
    @Test
    void unicastMacIsOneStationsAddress() {
        assertThat(Addresses.unicastMac(0x50C7BF331F09L)).isTrue();
        assertThat(Addresses.unicastMac(0x0200_0000_0001L)).as("locally administered, still one station").isTrue();
        assertThat(Addresses.unicastMac(0xFEFF_FFFF_FFFFL)).as("every bit but the group bit").isTrue();
        assertThat(Addresses.unicastMac(1)).isTrue();
        assertThat(Addresses.unicastMac(0)).as("all zeros: loopback frames, no station").isFalse();
        assertThat(Addresses.unicastMac(0xFFFF_FFFF_FFFFL)).as("broadcast").isFalse();
        assertThat(Addresses.unicastMac(0x0100_5E00_00FBL)).as("IPv4 multicast (mDNS)").isFalse();
        assertThat(Addresses.unicastMac(0x3333_0000_0001L)).as("IPv6 multicast").isFalse();
        assertThat(Addresses.unicastMac(-1)).as("a link without addresses").isFalse();
    }
}
