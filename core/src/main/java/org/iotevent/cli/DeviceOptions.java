package org.iotevent.cli;

import java.util.ArrayList;
import java.util.List;
import org.iotevent.traffic.DeviceSelector;
import picocli.CommandLine.Option;

/** {@code --device} and {@code --cloud}, shared by train, detect and evaluate. */
final class DeviceOptions {
    static final String DEVICE_HELP = "The device: an IP address (LAN-side capture), a MAC address aa:bb:cc:dd:ee:ff "
            + "(LAN or 802.11 monitor mode), or wan:ROUTER_WAN_IP (or wan) with --cloud for a capture on the "
            + "WAN side of a NAT router.";

    @Option(names = "--cloud", split = ",", paramLabel = "NAME|IP",
            description = "With --device wan[:ROUTER_IP]: the device cloud's domain names (their addresses are learnt "
                    + "from DNS answers in the capture; subdomains match) and/or IP addresses, comma-separated.")
    List<String> cloud = new ArrayList<>();

    /** The selector for {@code device}. */
    DeviceSelector selector(String device) {
        return CaptureInput.selector(device, cloud);
    }
}
