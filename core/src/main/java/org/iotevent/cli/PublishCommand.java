package org.iotevent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.iotevent.capture.CaptureRecord;
import org.iotevent.capture.HomeCaptures;
import org.iotevent.capture.PacketRecords;
import org.iotevent.capture.PacketSource;
import org.iotevent.signature.SignatureFile;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code iotevent publish}: a home's capture agent. Sends every captured frame to a Kafka topic as a
 * packet record ({@link PacketRecords}) keyed by the home, for the many-homes detection job of the
 * flink module; or a signature file to the job's signature topic.
 */
@Command(name = "publish",
        header = "Send a home's packets (a capture, an interface, or a folder of homes) to Kafka for the Flink job.",
        footerHeading = "%nExample:%n",
        footer = {"  iotevent publish -r h7.pcap --home h7 --bootstrap kafka:9092 --topic packets"},
        mixinStandardHelpOptions = true,
        description = {"Send every captured frame to a Kafka topic as a packet record keyed by the home (format in "
                + "docs/flink.md): the capture agent of a home, for the detection job of many homes. The record's "
                + "Kafka timestamp puts the home on a common timeline: the publishing start plus the packet's time "
                + "since the home's first packet, whatever the home's clock says. With -s, send a signature file to "
                + "the job's signature topic instead (key: the device, from the file's name)."})
public final class PublishCommand implements java.util.concurrent.Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    static final class What {
        @Option(names = {"-r", "--read"}, paramLabel = "CAPTURE", description = "A capture file, a folder of rotated "
                + "files, or - for standard input (tcpdump -U -w -).")
        String capture;

        @Option(names = {"-i", "--interface"}, paramLabel = "IFACE", description = "Capture live with tcpdump -U -w - "
                + "-i IFACE (root).")
        String iface;

        @Option(names = "--homes", paramLabel = "DIR", description = "Every home of DIR (a capture file or a "
                + "subfolder of capture files per home, as simulate --homes writes them), as if their agents started "
                + "together; each record keyed by its home's name.")
        Path homes;

        @Option(names = {"-s", "--signature"}, paramLabel = "SIGNATURE.json", description = "Send this signature "
                + "(validated first) to --topic, keyed by the device (the file's name less .json): the running job "
                + "takes it up.")
        Path signature;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    @Option(names = "--home", paramLabel = "ID", description = "The home's id, the records' key (with -r or -i).")
    String home;

    @Option(names = "--bootstrap", required = true, paramLabel = "HOST:PORT", description = "Kafka bootstrap servers.")
    String bootstrap;

    @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "The topic.")
    String topic;

    @Option(names = "--speed", paramLabel = "X", defaultValue = "0", description = "Send at X times the capture's "
            + "pace (1: as it was captured); 0 sends as fast as the broker takes them. Default: ${DEFAULT-VALUE}.")
    double speed;

    @Option(names = "--filter", paramLabel = "EXPRESSION", description = "With -i: tcpdump's filter expression.")
    String filter;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (!(speed >= 0 && speed <= 1e6)) {
            throw new UserInputException("--speed must be in [0, 1e6], found " + speed);
        }
        if ((what.capture != null || what.iface != null) != (home != null)) {
            throw new UserInputException(home == null ? "-r and -i need --home ID (the records' key)"
                    : "--home goes with -r or -i; --homes DIR names each home after its file or folder");
        }
        if (home != null && home.isBlank()) {
            throw new UserInputException("--home: expected a home's id, found an empty one");
        }
        if (what.signature != null) {
            byte[] bytes = Files.readAllBytes(CaptureInput.existingFile(what.signature.toString(), "signature"));
            try {
                SignatureFile.parse(bytes, what.signature.toString());
            } catch (IOException e) {
                throw new UserInputException(e.getMessage());
            }
            String device = SignatureFile.deviceName(what.signature);
            try (Sender s = new Sender()) {
                s.send(new ProducerRecord<>(topic, device, bytes));
            }
            out.println("published signature " + device + " (" + bytes.length + " bytes) to " + topic);
            out.flush();
            return 0;
        }
        long started = System.nanoTime();
        long packets;
        int homeCount;
        try (Sender s = new Sender()) {
            if (what.homes != null) {
                List<HomeCaptures.HomeCapture> list = HomeCaptures.list(what.homes);
                homeCount = list.size();
                packets = HomeCaptures.merge(list, s::packet);
            } else {
                homeCount = 1;
                Process tcpdump = what.iface == null ? null : startTcpdump();
                try (PacketSource source = tcpdump == null ? CaptureInput.open(what.capture)
                        : org.iotevent.capture.CaptureReaders.open("tcpdump -i " + what.iface, tcpdump.getInputStream())) {
                    packets = HomeCaptures.replay(home, source, s::packet);
                } finally {
                    if (tcpdump != null) {
                        tcpdump.destroy();
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf(Locale.ROOT, "published %d packets of %d home%s to %s in %.1f s (%.0f packets/s)%n", packets, homeCount,
                homeCount == 1 ? "" : "s", topic, seconds, packets / Math.max(seconds, 1e-9));
        out.flush();
        return 0;
    }

    private Process startTcpdump() throws IOException {
        List<String> cmd = new java.util.ArrayList<>(List.of("tcpdump", "-U", "-w", "-", "-i", what.iface));
        if (filter != null) {
            cmd.add(filter);
        }
        try {
            return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new UserInputException("-i " + what.iface + ": cannot start tcpdump (" + e.getMessage()
                    + "); install it (Debian: apt install tcpdump) and run as root");
        }
    }

    /**
     * The producer: idempotent and acknowledged by every in-sync replica, so a broker that goes away
     * and comes back within the delivery timeout (2 min) loses and duplicates nothing.
     */
    private final class Sender implements AutoCloseable {
        private final KafkaProducer<String, byte[]> producer;
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        private final long startMillis = System.currentTimeMillis();
        private final long startNanos = System.nanoTime();
        /** The latest record timestamp sent, ms. */
        private long latestMillis;

        Sender() {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
            p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
            p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
            p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
            try {
                producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
            } catch (KafkaException e) {
                throw new UserInputException("--bootstrap " + bootstrap + ": " + rootMessage(e));
            }
        }

        void packet(String homeId, CaptureRecord r, long timelineNanos) throws IOException {
            if (speed > 0) {
                long due = startNanos + (long) (timelineNanos / speed);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    try {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted");
                    }
                }
            }
            long timestamp = startMillis + Math.floorDiv(timelineNanos, 1_000_000L);
            latestMillis = Math.max(latestMillis, timestamp);
            send(new ProducerRecord<>(topic, null, timestamp, homeId, PacketRecords.encode(r)));
        }

        void send(ProducerRecord<String, byte[]> record) {
            rethrow();
            try {
                producer.send(record, (meta, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
            } catch (KafkaException e) {
                throw new UserInputException("--bootstrap " + bootstrap + " --topic " + topic + ": " + rootMessage(e));
            }
        }

        private void rethrow() {
            Exception e = failure.get();
            if (e != null) {
                // a broker refuses records timestamped more than message.timestamp.after.max.ms (1 h by default) ahead
                String ahead = latestMillis - System.currentTimeMillis() > 3_600_000L
                        ? " (the records' timestamps ran more than an hour ahead of now: a replay faster than real time of "
                                + "a capture longer than an hour; raise the topic's message.timestamp.after.max.ms, e.g. "
                                + "kafka-configs.sh --alter --entity-type topics --entity-name " + topic
                                + " --add-config message.timestamp.after.max.ms=9223372036854775807, or publish with "
                                + "--speed 1)"
                        : "";
                throw new UserInputException("--bootstrap " + bootstrap + " --topic " + topic + ": a record was not "
                        + "delivered: " + rootMessage(e) + ahead);
            }
        }

        @Override
        public void close() {
            try {
                producer.flush();
            } finally {
                producer.close(java.time.Duration.ofSeconds(30));
            }
            rethrow();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
