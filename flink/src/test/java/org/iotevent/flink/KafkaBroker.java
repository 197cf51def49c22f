package org.iotevent.flink;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Time;

/**
 * A real Kafka broker for the tests: one KRaft node (broker and controller) from the Kafka jars,
 * on 127.0.0.1 and free ports, its log in a temporary folder; formatted as kafka-storage.sh format
 * does, then started in this JVM.
 */
final class KafkaBroker implements AutoCloseable {
    private final Properties config;
    private final String bootstrap;
    private KafkaRaftServer server;

    KafkaBroker(Path dir) throws Exception {
        int port = freePort();
        int controller = freePort();
        Path logs = Files.createDirectories(dir.resolve("kafka-logs"));
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controller);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logs.toString());
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "2");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "2");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        Path config = dir.resolve("server.properties");
        try (var w = Files.newBufferedWriter(config)) {
            p.store(w, "test broker");
        }
        ByteArrayOutputStream formatLog = new ByteArrayOutputStream();
        int formatted = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()},
                new PrintStream(formatLog, true));
        if (formatted != 0) {
            throw new IOException("kafka storage format failed: " + formatLog);
        }
        this.config = p;
        bootstrap = "127.0.0.1:" + port;
        start();
    }

    /** Starts the broker (again, after {@link #stop}: same log folder, same ports, what it stored kept). */
    void start() {
        server = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
        server.startup();
    }

    /** Stops the broker as a clean shutdown does; clients see it gone until {@link #start}. */
    void stop() {
        server.shutdown();
        server.awaitShutdown();
        server = null;
    }

    /**
     * For bench/flink.sh: a broker in folder {@code args[0]} with the topics {@code args[1..]}
     * ({@code NAME:PARTITIONS}); prints its bootstrap address and runs until standard input closes.
     */
    public static void main(String[] args) throws Exception {
        try (KafkaBroker broker = new KafkaBroker(Path.of(args[0]))) {
            for (int i = 1; i < args.length; i++) {
                String[] t = args[i].split(":");
                broker.createTopic(t[0], Integer.parseInt(t[1]));
            }
            System.out.println(broker.bootstrap());
            System.out.flush();
            while (System.in.read() >= 0) {
                // until the script closes our standard input
            }
        }
    }

    String bootstrap() {
        return bootstrap;
    }

    void createTopic(String name, int partitions) throws Exception {
        try (Admin admin = Admin.create(java.util.Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        }
    }

    /** Every record of {@code topic} a read_committed consumer sees, waiting until {@code quiet} ms pass with none new. */
    List<ConsumerRecord<byte[], byte[]>> readAll(String topic, long quietMs) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + Uuid.randomUuid());
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(Set.of(topic));
            long lastNew = System.currentTimeMillis();
            while (System.currentTimeMillis() - lastNew < quietMs) {
                var records = consumer.poll(java.time.Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    records.forEach(out::add);
                    lastNew = System.currentTimeMillis();
                }
            }
        }
        return out;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        if (server != null) {
            stop();
        }
    }
}
