package org.iotevent.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceSelectorTest {
    @Test
    void parsesTheThreeForms() {
        assertThat(DeviceSelector.parse("192.168.1.159", List.of()).kind()).isEqualTo(DeviceSelector.Kind.IP);
        DeviceSelector mac = DeviceSelector.parse("50:C7:BF:33:1F:09", List.of());
        assertThat(mac.kind()).isEqualTo(DeviceSelector.Kind.MAC);
        assertThat(mac.text()).isEqualTo("50:c7:bf:33:1f:09");
        DeviceSelector wan = DeviceSelector.parse("wan:203.0.113.5", List.of("Devs.TPLinkCloud.com.", "52.1.2.3"));
        assertThat(wan.kind()).isEqualTo(DeviceSelector.Kind.WAN);
        assertThat(wan.cloudDomains()).containsExactly("devs.tplinkcloud.com");
        assertThat(wan.cloudAddresses()).containsExactly("52.1.2.3");
        assertThat(DeviceSelector.parse(wan.text(), wan.cloud())).isEqualTo(wan);
    }

    @Test
    void wanWithoutCloudIsRefusedWithTheSyntax() {
        assertThatThrownBy(() -> DeviceSelector.parse("wan:203.0.113.5", List.of()))
                .hasMessageContaining("--cloud NAME");
    }

    @Test
    void garbageNamesTheForms() {
        assertThatThrownBy(() -> DeviceSelector.parse("plug", List.of()))
                .hasMessageContaining("'plug'").hasMessageContaining("MAC address");
        assertThatThrownBy(() -> DeviceSelector.parse("10.0.0.1", List.of("x.com")))
                .hasMessageContaining("--cloud only applies");
    }

    @Test
    void aRouterPortSelectsOneConnectionWithOrWithoutCloud() {
        DeviceSelector v4 = DeviceSelector.parse("wan:198.51.100.7:32768", java.util.List.of());
        org.assertj.core.api.Assertions.assertThat(v4.port()).isEqualTo(32768);
        org.assertj.core.api.Assertions.assertThat(v4.describe()).contains("router 198.51.100.7:32768 (one connection)");
        DeviceSelector v6 = DeviceSelector.parse("wan:[2001:db8::7]:40000", java.util.List.of("devs.tplinkcloud.com"));
        org.assertj.core.api.Assertions.assertThat(v6.port()).isEqualTo(40000);
        org.assertj.core.api.Assertions.assertThat(v6.ipLo()).isEqualTo(Addresses.parseIp("2001:db8::7")[1]);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DeviceSelector.parse("wan:198.51.100.7:70000",
                java.util.List.of())).hasMessageContaining("not in 1..65535");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DeviceSelector.parse("wan:198.51.100.7",
                java.util.List.of())).hasMessageContaining("wan:ROUTER_IP:PORT");
    }
}
