package org.iotevent.sim;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a simulation wrote.
 *
 * @param directory the output directory
 * @param packets simulated IP packets (each captured once on LAN and WAN)
 * @param events triggered events
 * @param frames frames per vantage point written
 * @param bytes bytes per vantage point written (pcap headers included)
 */
public record SimulationSummary(Path directory, long packets, int events, Map<Vantage, Long> frames,
        Map<Vantage, Long> bytes) {
    public SimulationSummary {
        frames = Map.copyOf(frames);
        bytes = Map.copyOf(bytes);
    }

    /** Total bytes of all captures. */
    public long totalBytes() {
        return bytes.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The capture of {@code vantage}. */
    public Path capture(Vantage vantage) {
        return directory.resolve(vantage.fileName());
    }
}
