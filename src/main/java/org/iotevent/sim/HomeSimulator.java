package org.iotevent.sim;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Runs one simulated session of a home and writes, into a directory: {@code lan.pcap},
 * {@code wan.pcap}, {@code wifi.pcap} (those asked for), {@code events.csv} (every device's
 * events as {@code device/event}), {@code events/DEVICE.csv} (one device's events by their
 * plain names) and {@code truth.json} (the ground truth). Every file is written to a temporary
 * name and renamed when complete.
 */
public final class HomeSimulator {
    private static final int[] CLOUD_NETWORKS = {0xcb007100, 0xc6336400};

    private HomeSimulator() {}

    /**
     * Simulates {@code home} and writes the outputs into {@code directory} (created if needed).
     *
     * @throws IOException when the directory or a file cannot be written
     */
    public static SimulationSummary run(Home home, SimulationOptions options, Path directory) throws IOException {
        Files.createDirectories(directory);
        Map<String, Integer> addresses = cloudAddresses(home);
        Payloads payloads = new Payloads(options.seed());
        List<EventRecord> log = new ArrayList<>();
        List<DeviceAgent> agents = new ArrayList<>();
        for (int i = 0; i < home.devices().size(); i++) {
            Home.Device d = home.devices().get(i);
            int[] domainAddresses = d.model().domains().stream().mapToInt(addresses::get).toArray();
            agents.add(new DeviceAgent(i, d, domainAddresses, home.dnsServer(), options, payloads, log));
        }
        GroundTruth truth = new GroundTruth(log);
        Map<Vantage, Path> temps = new EnumMap<>(Vantage.class);
        List<VantageWriter> writers = new ArrayList<>();
        long packets = -1;
        try {
            for (Vantage v : options.vantages()) {
                Path tmp = tempFile(directory.resolve(v.fileName()));
                temps.put(v, tmp);
                OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20);
                writers.add(switch (v) {
                    case LAN -> new LanWriter(out, truth);
                    case WAN -> new WanWriter(out, truth, home.wanAddress());
                    case WIFI -> new WifiWriter(out, truth, options.seed(), payloads, agents.size(),
                            options.startNanos());
                });
            }
            writers.sort((a, b) -> a.vantage.compareTo(b.vantage));
            packets = simulate(agents, writers, truth);
            for (VantageWriter w : writers) {
                w.finish(options.startNanos() + options.durationNanos());
            }
        } finally {
            for (VantageWriter w : writers) {
                w.close();
            }
            if (writers.size() < options.vantages().size() || packets < 0) {
                for (Path tmp : temps.values()) {
                    Files.deleteIfExists(tmp);
                }
            }
        }
        Map<Vantage, Long> frames = new EnumMap<>(Vantage.class);
        Map<Vantage, Long> bytes = new EnumMap<>(Vantage.class);
        for (VantageWriter w : writers) {
            frames.put(w.vantage, w.frames());
            bytes.put(w.vantage, w.bytes());
            move(temps.get(w.vantage), directory.resolve(w.vantage.fileName()));
        }
        writeEventLogs(directory, home, log);
        writeAtomically(directory.resolve("truth.json"), out -> truth.write(out, home, options, agents));
        return new SimulationSummary(directory, packets, log.size(), frames, bytes);
    }

    /** Merges the devices' episodes in time order and hands each packet to every writer. */
    private static long simulate(List<DeviceAgent> agents, List<VantageWriter> writers, GroundTruth truth)
            throws IOException {
        long order = 0;
        PriorityQueue<Packet> pending = new PriorityQueue<>((a, b) -> a.timeNanos != b.timeNanos
                ? Long.compare(a.timeNanos, b.timeNanos) : Long.compare(a.order, b.order));
        List<Packet> batch = new ArrayList<>();
        long count = 0;
        while (true) {
            DeviceAgent next = null;
            long start = Long.MAX_VALUE;
            for (DeviceAgent a : agents) {
                long s = a.nextStart();
                if (s < start) {
                    start = s;
                    next = a;
                }
            }
            while (!pending.isEmpty() && pending.peek().timeNanos < start) {
                Packet p = pending.poll();
                DeviceAgent a = agents.get(p.device);
                if (p.event >= 0) {
                    truth.packet(p);
                }
                for (VantageWriter w : writers) {
                    w.write(p, a);
                }
                count++;
            }
            if (next == null) {
                return count;
            }
            next.runEpisode(batch);
            for (Packet p : batch) {
                p.order = order++;
                pending.add(p);
            }
            batch.clear();
        }
    }

    /** Gives every cloud domain of the home an address in 203.0.113.0/24 or 198.51.100.0/24, stable per name. */
    static Map<String, Integer> cloudAddresses(Home home) {
        Map<String, Integer> out = new LinkedHashMap<>();
        java.util.Set<Integer> used = new java.util.HashSet<>(List.of(home.wanAddress(), home.dnsServer()));
        for (Home.Device d : home.devices()) {
            for (String domain : d.model().domains()) {
                if (out.containsKey(domain)) {
                    continue;
                }
                int h = domain.hashCode() * 0x9E3779B1;
                int address;
                int probe = 0;
                do {
                    int slot = Math.floorMod(h + probe++, 2 * 254);
                    address = CLOUD_NETWORKS[slot / 254] + 1 + slot % 254;
                } while (used.contains(address));
                used.add(address);
                out.put(domain, address);
            }
        }
        return out;
    }

    private static void writeEventLogs(Path directory, Home home, List<EventRecord> log) throws IOException {
        List<EventRecord> sorted = new ArrayList<>(log);
        sorted.sort((a, b) -> a.triggerNanos() != b.triggerNanos() ? Long.compare(a.triggerNanos(), b.triggerNanos())
                : Integer.compare(a.id(), b.id()));
        writeAtomically(directory.resolve("events.csv"), out -> writeLog(out, sorted, -1));
        Path perDevice = Files.createDirectories(directory.resolve("events"));
        for (int i = 0; i < home.devices().size(); i++) {
            int device = i;
            writeAtomically(perDevice.resolve(home.devices().get(i).name() + ".csv"),
                    out -> writeLog(out, sorted, device));
        }
    }

    private static void writeLog(OutputStream out, List<EventRecord> events, int device) throws IOException {
        Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write("timestamp,event\n");
        for (EventRecord e : events) {
            if (device < 0 || e.device() == device) {
                w.write(seconds(e.triggerNanos()));
                w.write(',');
                w.write(device < 0 ? e.qualifiedName() : e.event());
                w.write('\n');
            }
        }
        w.flush();
    }

    /** Epoch seconds with six decimals, exact (no floating point). */
    static String seconds(long nanos) {
        long micros = (nanos + 500) / 1_000;
        return String.format("%d.%06d", micros / 1_000_000, micros % 1_000_000);
    }

    /** What writes a file's content. */
    interface Content {
        void write(OutputStream out) throws IOException;
    }

    /** Writes {@code target} through a temporary file in its directory, renamed when complete. */
    static void writeAtomically(Path target, Content content) throws IOException {
        Path tmp = tempFile(target);
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                content.write(out);
            }
            move(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A new empty file beside {@code target}, readable by all like a file written in place. */
    private static Path tempFile(Path target) throws IOException {
        Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep the default permissions
        }
        return tmp;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
