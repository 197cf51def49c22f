package org.iotevent.sim;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.iotevent.io.AtomicFileOutput;

/**
 * Runs one simulated session of a home and writes, into a directory: {@code lan.pcap},
 * {@code wan.pcap}, {@code wifi.pcap} (those asked for), {@code events.csv} (every device's
 * events as {@code device/event}), {@code events/DEVICE.csv} (one device's events by their
 * plain names) and {@code truth.json} (the ground truth). Every file is written to a temporary
 * name and renamed when complete.
 */
public final class HomeSimulator {
    private static final int[] CLOUD_NETWORKS = {0xcb007100, 0xc0000200};

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
            agents.add(new DeviceAgent(i, d, home.salt(), domainAddresses, home.dnsServer(), options, payloads, log));
        }
        GroundTruth truth = new GroundTruth(log);
        Map<Vantage, AtomicFileOutput> files = new EnumMap<>(Vantage.class);
        List<VantageWriter> writers = new ArrayList<>();
        long packets;
        try {
            try {
                for (Vantage v : options.vantages()) {
                    AtomicFileOutput file = new AtomicFileOutput(directory.resolve(v.fileName()));
                    files.put(v, file);
                    OutputStream out = new BufferedOutputStream(file.stream(), 1 << 20);
                    writers.add(switch (v) {
                        case LAN -> new LanWriter(out);
                        case WAN, WAN_PPPOE -> new WanWriter(v, out, home.wanAddress(), agents.size());
                        case WAN6 -> new Wan6Writer(out);
                        case WIFI -> new WifiWriter(v, out, truth, options.seed(), payloads, agents.size(),
                                options.startNanos());
                        case WIFI_AMSDU, WIFI_OPEN_AMSDU -> new WifiWriter(v, out, (p, frame, retry) -> { },
                                options.seed(), payloads, agents.size(), options.startNanos());
                    });
                }
                writers.sort((a, b) -> a.vantage.compareTo(b.vantage));
                packets = simulate(agents, writers, truth, () -> writeEventLogs(directory, home, log, options));
                for (VantageWriter w : writers) {
                    w.finish(options.startNanos() + options.durationNanos());
                }
            } finally {
                for (VantageWriter w : writers) {
                    w.close();
                }
            }
            for (VantageWriter w : writers) {
                files.get(w.vantage).commit();
            }
        } finally {
            for (AtomicFileOutput file : files.values()) {
                file.close(); // deletes the temporary file of a capture not committed
            }
        }
        Map<Vantage, Long> frames = new EnumMap<>(Vantage.class);
        Map<Vantage, Long> bytes = new EnumMap<>(Vantage.class);
        for (VantageWriter w : writers) {
            frames.put(w.vantage, w.frames());
            bytes.put(w.vantage, w.bytes());
        }
        writeAtomically(directory.resolve("truth.json"), out -> truth.write(out, home, options, agents));
        return new SimulationSummary(directory, packets, log.size(), frames, bytes);
    }

    /** Packets handed to the writers' threads at a time. */
    private static final int BATCH = 2_048;

    /**
     * Merges the devices' episodes in time order and hands the packets, in batches, to every
     * writer, each on its own thread (the same packets in the same order, so the bytes do not
     * depend on the scheduling).
     */
    private static long simulate(List<DeviceAgent> agents, List<VantageWriter> writers, GroundTruth truth,
            IoTask whileWritersFinish) throws IOException {
        List<WriterThread> threads = new ArrayList<>();
        for (VantageWriter w : writers) {
            threads.add(new WriterThread(w, agents));
        }
        threads.forEach(Thread::start);
        long order = 0;
        PriorityQueue<Packet> pending = new PriorityQueue<>((a, b) -> a.timeNanos != b.timeNanos
                ? Long.compare(a.timeNanos, b.timeNanos) : Long.compare(a.order, b.order));
        List<Packet> episode = new ArrayList<>();
        Packet[] batch = new Packet[BATCH];
        int filled = 0;
        long count = 0;
        long wanCount = 0;
        try {
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
                    p.number = ++count;
                    p.wanNumber = p.lanOnly ? 0 : ++wanCount;
                    if (p.event >= 0) {
                        truth.packet(p);
                    }
                    p.sealPayload();
                    batch[filled++] = p;
                    if (filled == BATCH) {
                        for (WriterThread t : threads) {
                            t.hand(batch);
                        }
                        batch = new Packet[BATCH];
                        filled = 0;
                    }
                }
                if (next == null) {
                    break;
                }
                next.runEpisode(episode);
                for (Packet p : episode) {
                    p.order = order++;
                    pending.add(p);
                }
                episode.clear();
            }
            Packet[] last = java.util.Arrays.copyOf(batch, filled);
            for (WriterThread t : threads) {
                t.hand(last);
                t.hand(WriterThread.END);
            }
            whileWritersFinish.run();
        } finally {
            for (WriterThread t : threads) {
                t.finish();
            }
        }
        return count;
    }

    /** Runs one vantage point's writer over the batches it is handed. */
    private static final class WriterThread extends Thread {
        static final Packet[] END = new Packet[0];
        private final VantageWriter writer;
        private final List<DeviceAgent> agents;
        private final java.util.concurrent.BlockingQueue<Packet[]> queue =
                new java.util.concurrent.ArrayBlockingQueue<>(16);
        private volatile IOException failure;
        private volatile RuntimeException bug;

        WriterThread(VantageWriter writer, List<DeviceAgent> agents) {
            super("iotevent-sim-" + writer.vantage.key());
            setDaemon(true);
            this.writer = writer;
            this.agents = agents;
        }

        void hand(Packet[] batch) throws IOException {
            while (isAlive() && failure == null && bug == null) {
                try {
                    if (queue.offer(batch, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while simulating");
                }
            }
            rethrow();
        }

        @Override
        public void run() {
            try {
                while (true) {
                    Packet[] batch = queue.take();
                    if (batch == END) {
                        return;
                    }
                    for (Packet p : batch) {
                        writer.write(p, agents.get(p.device));
                    }
                }
            } catch (IOException e) {
                failure = e;
            } catch (InterruptedException e) {
                failure = new java.io.InterruptedIOException("interrupted while writing " + writer.vantage.key());
            } catch (RuntimeException e) {
                bug = e;
            }
        }

        /** Waits for the thread; rethrows what it failed with. */
        void finish() throws IOException {
            try {
                if (failure == null && bug == null) {
                    join();
                } else {
                    interrupt();
                    join();
                }
            } catch (InterruptedException e) {
                interrupt();
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while simulating");
            }
            rethrow();
        }

        private void rethrow() throws IOException {
            if (failure != null) {
                throw failure;
            }
            if (bug != null) {
                throw bug;
            }
        }
    }

    /**
     * Gives every cloud domain of the home an address in 203.0.113.0/24 or 192.0.2.0/24, stable per name
     * and home ({@link Home#salt()}).
     */
    static Map<String, Integer> cloudAddresses(Home home) {
        Map<String, Integer> out = new LinkedHashMap<>();
        java.util.Set<Integer> used = new java.util.HashSet<>(List.of(home.wanAddress(), home.dnsServer()));
        for (Home.Device d : home.devices()) {
            for (String domain : d.model().domains()) {
                if (out.containsKey(domain)) {
                    continue;
                }
                int h = domain.hashCode() * 0x9E3779B1 ^ (int) (home.salt() >>> 32);
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

    private static void writeEventLogs(Path directory, Home home, List<EventRecord> log, SimulationOptions options)
            throws IOException {
        List<EventRecord> sorted = new ArrayList<>();
        for (EventRecord e : log) {
            long logged = options.loggedNanos(e.triggerNanos(), e.id());
            sorted.add(logged == e.triggerNanos() ? e
                    : new EventRecord(e.id(), e.device(), e.deviceName(), e.event(), e.privacy(), logged));
        }
        sorted.sort((a, b) -> a.triggerNanos() != b.triggerNanos() ? Long.compare(a.triggerNanos(), b.triggerNanos())
                : Integer.compare(a.id(), b.id()));
        writeAtomically(directory.resolve("events.csv"), out -> writeLog(out, sorted, true));
        Path perDevice = Files.createDirectories(directory.resolve("events"));
        List<List<EventRecord>> byDevice = new ArrayList<>();
        home.devices().forEach(d -> byDevice.add(new ArrayList<>()));
        sorted.forEach(e -> byDevice.get(e.device()).add(e));
        for (int i = 0; i < home.devices().size(); i++) {
            List<EventRecord> events = byDevice.get(i);
            writeAtomically(perDevice.resolve(home.devices().get(i).name() + ".csv"),
                    out -> writeLog(out, events, false));
        }
    }

    /** Writes {@code timestamp,event} lines; names are ASCII by their models' rules, so bytes are built directly. */
    private static void writeLog(OutputStream out, List<EventRecord> events, boolean qualified) throws IOException {
        out.write("timestamp,event\n".getBytes(StandardCharsets.US_ASCII));
        Map<String, byte[]> names = new java.util.HashMap<>();
        byte[] line = new byte[64];
        for (EventRecord e : events) {
            byte[] name = names.computeIfAbsent(qualified ? e.qualifiedName() : e.event(),
                    n -> n.getBytes(StandardCharsets.UTF_8));
            if (line.length < 32 + name.length) {
                line = new byte[32 + name.length];
            }
            int at = putSeconds(line, 0, e.triggerNanos());
            line[at++] = ',';
            System.arraycopy(name, 0, line, at, name.length);
            at += name.length;
            line[at++] = '\n';
            out.write(line, 0, at);
        }
    }

    /** Writes epoch seconds with six decimals (rounded to the microsecond) as ASCII; returns the end offset. */
    static int putSeconds(byte[] out, int at, long nanos) {
        long micros = (nanos + 500) / 1_000;
        String whole = Long.toString(micros / 1_000_000);
        for (int i = 0; i < whole.length(); i++) {
            out[at++] = (byte) whole.charAt(i);
        }
        out[at++] = '.';
        long fraction = micros % 1_000_000;
        for (int d = 100_000; d > 0; d /= 10) {
            out[at++] = (byte) ('0' + fraction / d % 10);
        }
        return at;
    }

    /** Work that may fail with an IOException. */
    interface IoTask {
        void run() throws IOException;
    }

    /** What writes a file's content. */
    interface Content {
        void write(OutputStream out) throws IOException;
    }

    /** Writes {@code target} through a temporary file in its directory, renamed when complete. */
    static void writeAtomically(Path target, Content content) throws IOException {
        try (AtomicFileOutput file = new AtomicFileOutput(target)) {
            content.write(file.stream());
            file.commit();
        }
    }
}
