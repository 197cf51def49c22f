package org.iotevent.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.iotevent.capture.CaptureReaders;
import org.iotevent.capture.CaptureRecord;
import org.iotevent.capture.PacketSource;
import org.iotevent.decode.DecodedPacket;
import org.iotevent.decode.LinkDecoder;
import org.iotevent.sim.HomeReader;
import org.iotevent.sim.HomeSimulator;
import org.iotevent.sim.SimulationOptions;
import org.iotevent.sim.Vantage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transport-layer length a WiFi sniffer reads is the LAN's, packet for packet, for a device
 * that speaks IPv4 without options: from protected frames (IPv4 taken; a CCMP frame that looks
 * like TKIP by chance read as CCMP) and from open A-MSDUs (each subframe's headers): residual error
 * 0. From protected A-MSDUs, small packets aggregated together are one, of their summed length.
 */
class WifiTransportLengthTest {
    @TempDir
    Path dir;

    private static List<Integer> lengths(Path capture, String device) throws IOException {
        DeviceView view = new DeviceView(DeviceSelector.parse(device, List.of()), LengthLayer.TRANSPORT);
        List<Integer> out = new ArrayList<>();
        try (PacketSource source = CaptureReaders.open(capture)) {
            CaptureRecord r = new CaptureRecord();
            DecodedPacket p = new DecodedPacket();
            LinkDecoder decoder = new LinkDecoder();
            while (source.next(r)) {
                decoder.decode(r, p);
                do {
                    int signed = view.signedLength(p);

                    if (signed != 0) {
                        out.add(signed);

                    }
                } while (decoder.nextSubframe(r, p));
            }
        }
        out.sort(null);
        return out;
    }

    @Test
    void everyPacketsTransportLengthFromTheAirIsTheLans() throws Exception {
        // the Tuya plug announces nothing: every packet of it on the LAN is from or to its address
        HomeSimulator.run(HomeReader.resolve("tuya-plug"), SimulationOptions.defaults(5)
                .withDurationNanos(1_800_000_000_000L).withVantages(EnumSet.of(Vantage.LAN, Vantage.WIFI,
                Vantage.WIFI_AMSDU, Vantage.WIFI_OPEN_AMSDU)), dir);
        String mac = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("truth.json").toFile())
                .at("/devices/0/mac").asText();
        List<Integer> lan = lengths(dir.resolve("lan.pcap"), "192.168.1.100");
        assertThat(lan).hasSizeGreaterThan(300);
        for (Vantage v : List.of(Vantage.WIFI, Vantage.WIFI_OPEN_AMSDU)) {
            assertThat(lengths(dir.resolve(v.fileName()), mac)).as(v.key()).isEqualTo(lan);
        }
        // protected A-MSDUs: the model keeps full-size segments, but small packets the access point
        // aggregated count as one: each such length is theirs summed plus 22 bytes a further subframe and padding
        List<Integer> air = lengths(dir.resolve(Vantage.WIFI_AMSDU.fileName()), mac);
        List<Integer> onlyAir = new ArrayList<>(air);
        lan.forEach(onlyAir::remove);
        List<Integer> onlyLan = new ArrayList<>(lan);
        air.forEach(onlyLan::remove);
        assertThat(onlyAir.size()).as("merged A-MSDUs").isLessThanOrEqualTo(lan.size() / 100);
        assertThat(onlyLan.size()).isEqualTo(lan.size() - air.size() + onlyAir.size());
        int summed = onlyLan.stream().mapToInt(Integer::intValue).sum() + 42 * (onlyLan.size() - onlyAir.size());
        assertThat(onlyAir.stream().mapToInt(Integer::intValue).sum() - summed).as("padding")
                .isBetween(0, 3 * (onlyLan.size() - onlyAir.size()));
    }
}
