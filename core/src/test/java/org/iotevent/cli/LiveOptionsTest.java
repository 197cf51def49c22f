package org.iotevent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.iotevent.campaign.LiveTools;
import org.iotevent.traffic.DeviceSelector;
import org.junit.jupiter.api.Test;

class LiveOptionsTest {
    static final String SIGNATURE = Path.of("src/test/resources/org/iotevent/signature/golden-v1.json").toString();

    @Test
    void interfaceAndCaptureFileExcludeEachOther() {
        Cli r = Cli.run("detect", "-s", SIGNATURE, "-r", "x.pcap", "-i", "lo");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("iotevent: -i captures live and -r reads a capture: give one of them\n");
    }

    @Test
    void detectNeedsACaptureOrAnInterface() {
        Cli r = Cli.run("detect", "-s", SIGNATURE);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("iotevent: give a capture to read (-r FILE, or -r - for standard input) or an interface");
    }

    @Test
    void unknownInterfaceIsReportedBeforeCapturing() {
        LiveTools.assumeTcpdumpOnLoopback();
        Cli r = Cli.run("detect", "-s", SIGNATURE, "-i", "nosuch0");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("iotevent: unknown interface 'nosuch0'; tcpdump -D lists: ");
    }

    @Test
    void aTrailingExpressionWithIIsTheCaptureFilterAsForTcpdump() {
        LiveOptions live = new LiveOptions();
        live.interfaceName = "eth0";
        assertThat(live.applies(null, "udp port 53")).isTrue();
        assertThat(live.captureFilter).isEqualTo("udp port 53");
        LiveOptions both = new LiveOptions();
        both.interfaceName = "eth0";
        both.captureFilter = "tcp";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> both.applies(null, "udp"))
                .hasMessage("give the capture filter once: --capture-filter or a trailing expression");
        Cli count = Cli.run("detect", "-s", SIGNATURE, "-i", "eth0", "-c", "5");
        assertThat(count.exit()).isEqualTo(1);
        assertThat(count.err()).isEqualTo("iotevent: -c counts the packets read with -r; it does not apply to a live "
                + "capture (-i)\n");
    }

    @Test
    void defaultCaptureFilterKeepsOnlyTheDevice() {
        DeviceSelector ip = DeviceSelector.parse("192.168.1.23", List.of());
        DeviceSelector mac = DeviceSelector.parse("AA:BB:CC:DD:EE:FF", List.of());
        DeviceSelector wan = DeviceSelector.parse("wan", List.of("cloud.example.com"));
        assertThat(LiveOptions.defaultFilter(List.of(ip))).isEqualTo("host 192.168.1.23");
        assertThat(LiveOptions.defaultFilter(List.of(ip, mac))).isEqualTo("host 192.168.1.23 or ether host aa:bb:cc:dd:ee:ff");
        assertThat(LiveOptions.defaultFilter(List.of(ip, wan))).isEmpty();
    }
}
