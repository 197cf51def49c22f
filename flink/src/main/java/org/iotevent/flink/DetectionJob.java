package org.iotevent.flink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.serialization.SimpleStringEncoder;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.BasePathBucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;
import org.apache.flink.streaming.api.windowing.assigners.EventTimeSessionWindows;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.iotevent.signature.SignatureFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Detection of many homes at once on Apache Flink: packet records from a Kafka topic (keyed by
 * home, written by {@code iotevent publish}) or a folder of captures; every watched device of
 * every home cut into bursts on event time and labelled with the same signatures and code as
 * {@code iotevent detect}; detections to a Kafka topic (transactional, exactly once) and/or JSON
 * Lines files. {@code java -jar} runs it on a local MiniCluster; {@code flink run} on a cluster.
 */
@Command(name = "iotevent-flink", mixinStandardHelpOptions = true,
        description = "Detect the events of many homes' devices at once on Apache Flink (docs/flink.md).")
public final class DetectionJob implements Callable<Integer> {
    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", description = "Kafka bootstrap servers.")
    String bootstrap;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "The topic of packet records (iotevent publish).")
    String topic;

    @Option(names = "--homes", paramLabel = "DIR", description = "Instead of --topic: a folder of captures, a file or "
            + "a subfolder per home (batch).")
    String homes;

    @Option(names = {"-s", "--signatures"}, required = true, paramLabel = "DIR|FILE.json", description = "The "
            + "signatures watched at the start: a file or a folder of *.json; each device named after its file.")
    Path signatures;

    @Option(names = "--signature-topic", paramLabel = "TOPIC", description = "Signatures published while the job "
            + "runs (iotevent publish -s): a new or changed one takes effect without a restart; a bad one is refused.")
    String signatureTopic;

    @Option(names = "--output-topic", paramLabel = "TOPIC", description = "Write the detections to this topic (key: "
            + "home), in Kafka transactions committed at checkpoints: exactly once for read_committed readers.")
    String outputTopic;

    @Option(names = "--errors-topic", paramLabel = "TOPIC", description = "Write malformed records, refused "
            + "signatures and late packets (one line each, with the reason) to this topic.")
    String errorsTopic;

    @Option(names = "--jsonl", paramLabel = "DIR", description = "Write the detections as JSON Lines part files into "
            + "DIR (committed at checkpoints), the errors into DIR/errors.")
    String jsonl;

    @Option(names = "--parallelism", paramLabel = "N", description = "Parallelism (default: the environment's).")
    Integer parallelism;

    @Option(names = "--checkpoint-interval", paramLabel = "MS", defaultValue = "10000",
            description = "Checkpoint every MS milliseconds (default ${DEFAULT-VALUE}); outputs commit then.")
    long checkpointMs;

    @Option(names = "--checkpoints", paramLabel = "URI", description = "Checkpoint storage (file:///..., s3://...); "
            + "default: the cluster's configuration (a temporary folder, removed at the end, on a local MiniCluster).")
    String checkpointDir;

    @Option(names = "--out-of-orderness", paramLabel = "MS", defaultValue = "2000",
            description = "How far behind the latest timeline time a packet may arrive and still be on time "
                    + "(bounded out-of-orderness watermarks; default ${DEFAULT-VALUE}).")
    long outOfOrdernessMs;

    @Option(names = "--idle", paramLabel = "MS", defaultValue = "0", description = "A Kafka partition without "
            + "records for MS milliseconds holds the watermark back no longer (a quiet home does not delay the others' "
            + "detections); 0 (default): a silent partition holds it.")
    long idleMs;

    @Option(names = "--group-id", paramLabel = "ID", defaultValue = "iotevent-flink", description = "Kafka consumer "
            + "group (default ${DEFAULT-VALUE}); offsets are committed at checkpoints, the job starts from them "
            + "or from the earliest.")
    String groupId;

    @Option(names = "--bounded", description = "Stop at the end offsets present at the start (a replay; tests, benchmarks).")
    boolean bounded;

    @Option(names = "--max-rate", paramLabel = "RECORDS/S", defaultValue = "0", description = "Read at most this many "
            + "records per second per parallel instance (a replay at a chosen pace); 0: no limit (default).")
    double maxRate;

    @Option(names = "--session-windows", description = "Cut bursts with Flink's event-time session windows instead "
            + "of the keyed process function (slower, gap in whole ms, no signature updates; kept for measuring).")
    boolean sessionWindows;

    @Option(names = "--transactional-id-prefix", paramLabel = "PREFIX", defaultValue = "iotevent-flink",
            description = "Prefix of the output topic's transactional ids; unique per job on a cluster (default ${DEFAULT-VALUE}).")
    String transactionalIdPrefix;

    /** Runs the job where it is started: a local MiniCluster under java -jar, the cluster under flink run. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new DetectionJob()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(configuration());
        Path temporary = null;
        if (checkpointDir == null && env instanceof LocalStreamEnvironment) {
            // a local MiniCluster would keep checkpoints in the JobManager's memory, whose size limit (5 MB) a large
            // run's state exceeds: every checkpoint then fails and the job restarts over and over
            temporary = Files.createTempDirectory("iotevent-flink-checkpoints-");
            checkpointDir = temporary.toUri().toString();
            env = StreamExecutionEnvironment.getExecutionEnvironment(configuration());
        }
        try {
            build(env);
            var result = env.execute("iotevent detection");
            System.err.printf(java.util.Locale.ROOT, "iotevent-flink: job finished in %.3f s%n", result.getNetRuntime() / 1e3);
            return 0;
        } finally {
            if (temporary != null) {
                try (Stream<Path> files = Files.walk(temporary)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        }
    }

    /** The configuration: checkpoint storage. */
    Configuration configuration() {
        Configuration c = new Configuration();
        // every record and state type has a Flink serialiser of its own (POJOs, primitives): none falls back to Kryo
        c.set(PipelineOptions.GENERIC_TYPES, false);
        if (checkpointDir != null) {
            c.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            c.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir);
        }
        return c;
    }

    /** Adds the job to {@code env}. */
    public void build(StreamExecutionEnvironment env) throws IOException {
        if ((topic == null) == (homes == null)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "give --topic TOPIC (with --bootstrap) or --homes DIR");
        }
        if ((topic != null || signatureTopic != null || outputTopic != null || errorsTopic != null) && bootstrap == null) {
            throw new CommandLine.ParameterException(new CommandLine(this), "the Kafka topics need --bootstrap HOST:PORT");
        }
        if (outputTopic == null && jsonl == null) {
            throw new CommandLine.ParameterException(new CommandLine(this), "give --output-topic TOPIC and/or --jsonl DIR");
        }
        if (parallelism != null) {
            env.setParallelism(parallelism);
        }
        env.enableCheckpointing(checkpointMs, CheckpointingMode.EXACTLY_ONCE);
        // no copy of each record between chained operators: none of the functions keeps a record it was given
        // or changes one it has emitted
        env.getConfig().enableObjectReuse();
        Map<String, byte[]> initial = initialSignatures(signatures);

        WatermarkStrategy<RawPacket> watermarks = WatermarkStrategy
                .<RawPacket>forBoundedOutOfOrderness(Duration.ofMillis(outOfOrdernessMs))
                .withTimestampAssigner((r, kafkaTime) -> r.timeline);
        if (idleMs > 0) {
            watermarks = watermarks.withIdleness(Duration.ofMillis(idleMs));
        }
        DataStream<RawPacket> packets;
        if (topic != null) {
            packets = env.fromSource(kafkaSource(topic, groupId, OffsetsInitializer.committedOffsets(
                    OffsetResetStrategy.EARLIEST), new PacketDeserializer()), watermarks, "packet records");
        } else {
            // one reader; then each home to one instance, its packets in order
            packets = env.fromData(homes).process(new ReadHomes()).name("homes' captures").setParallelism(1)
                    .assignTimestampsAndWatermarks(watermarks).setParallelism(1);
        }

        // The signatures given are in force from the start (the functions hold them); the broadcast input carries
        // those published later, and must take no part in event time. A two-input operator's watermark is the
        // smaller of its inputs', or the other's while one is idle: a broadcast input whose watermark ran ahead (a
        // finished source's end of time, or the packets' own watermarks racing ahead on the broadcast channel)
        // would become the watermark whenever the packets' input is idle (--idle), and every burst would then
        // be closed too early or wait for its device's next packet. So the broadcast input is idle throughout
        // (its timestamp assigner drops the statuses and watermarks that come to it) and reaches the end of time
        // only with the packets (an empty stream derived from them keeps it from ending before).
        DataStream<SignatureUpdate> updates = packets.flatMap(new NoSignatures()).name("no signature");
        if (signatureTopic != null) {
            updates = updates.union(env.fromSource(kafkaSource(signatureTopic, groupId + "-signatures",
                    OffsetsInitializer.earliest(), new SignatureDeserializer()), WatermarkStrategy.noWatermarks(),
                    "signature topic").setParallelism(1));
        }
        updates = updates.assignTimestampsAndWatermarks(alwaysIdle()).name("signatures outside event time");
        BroadcastStream<SignatureUpdate> broadcast = updates.broadcast(Watchlist.STATE);

        KeyedStream<RawPacket, String> byHome = packets.keyBy(HomeSelection::home);
        SingleOutputStreamOperator<Detected> detected;
        DataStream<String> errors;
        if (sessionWindows) {
            SingleOutputStreamOperator<DevicePacket> selected = byHome.connect(broadcast)
                    .process(new SelectDevices(initial, maxRate)).name("decode and select devices");
            errors = selected.getSideOutput(HomeSelection.MALFORMED).union(selected.getSideOutput(HomeSelection.REFUSED));
            detected = selected.keyBy(DevicePacket::key)
                    .window(EventTimeSessionWindows.withDynamicGap(p -> Math.floorDiv(p.gapNanos, 1_000_000L) + 1))
                    .process(new SessionBursts(initial)).name("bursts (session windows) and classification");
        } else {
            detected = byHome.connect(broadcast).process(new HomeDetector(initial, maxRate))
                    .name("decode, select devices, bursts and classification");
            errors = detected.getSideOutput(HomeSelection.MALFORMED).union(detected.getSideOutput(HomeSelection.REFUSED),
                    detected.getSideOutput(HomeDetector.LATE));
        }

        if (outputTopic != null) {
            detected.sinkTo(KafkaSink.<Detected>builder().setBootstrapServers(bootstrap)
                    .setRecordSerializer(new DetectionRecord(outputTopic))
                    .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE).setTransactionalIdPrefix(transactionalIdPrefix)
                    // within the broker's transaction.max.timeout.ms (15 min by default)
                    .setProperty("transaction.timeout.ms", "600000").build()).name("detections to Kafka");
        }
        if (errorsTopic != null) {
            errors.sinkTo(KafkaSink.<String>builder().setBootstrapServers(bootstrap)
                    .setRecordSerializer(KafkaRecordSerializationSchema.<String>builder().setTopic(errorsTopic)
                            .setValueSerializationSchema(new SimpleStringSchema()).build())
                    .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE).build()).name("errors to Kafka");
        }
        if (jsonl != null) {
            detected.map(d -> d.json).name("lines").sinkTo(jsonLines(jsonl, "detections")).name("detections to JSON Lines");
            errors.sinkTo(jsonLines(jsonl + "/errors", "errors")).name("errors to JSON Lines");
        }
    }

    private static FileSink<String> jsonLines(String dir, String prefix) {
        // part files straight in DIR (not in hourly folders), rolled and committed at each checkpoint
        return FileSink.forRowFormat(new org.apache.flink.core.fs.Path(dir), new SimpleStringEncoder<String>("UTF-8"))
                .withBucketAssigner(new BasePathBucketAssigner<>()).withRollingPolicy(OnCheckpointRollingPolicy.build())
                .withOutputFileConfig(OutputFileConfig.builder().withPartPrefix(prefix).withPartSuffix(".jsonl").build())
                .build();
    }

    /** The signature files: a file, or a folder's *.json in name order; each device named after its file. */
    static Map<String, byte[]> initialSignatures(Path path) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (Path f : SignatureFile.files(List.of(path))) {
            String device = SignatureFile.deviceName(f);
            byte[] json = Files.readAllBytes(f);
            Watchlist.parse(device, json); // a bad file given at the start stops the job before it runs
            out.put(device, json);
        }
        return out;
    }

    /** Signatures take no part in event time: no watermark, idle from the first periodic emit on. */
    static WatermarkStrategy<SignatureUpdate> alwaysIdle() {
        return WatermarkStrategy.<SignatureUpdate>forGenerator(c -> new WatermarkGenerator<>() {
            @Override
            public void onEvent(SignatureUpdate event, long timestamp, WatermarkOutput output) {}

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
                output.markIdle();
            }
        }).withTimestampAssigner((u, t) -> Long.MIN_VALUE + 1);
    }

    /** No signature: an empty stream that ends with the packets. */
    static final class NoSignatures implements FlatMapFunction<RawPacket, SignatureUpdate>,
            ResultTypeQueryable<SignatureUpdate> {
        @Override
        public void flatMap(RawPacket packet, Collector<SignatureUpdate> out) {}

        @Override
        public TypeInformation<SignatureUpdate> getProducedType() {
            return TypeInformation.of(SignatureUpdate.class);
        }
    }

    /** An output record: key the home, value the JSON line, timestamp the burst's end on the timeline. */
    static final class DetectionRecord implements KafkaRecordSerializationSchema<Detected> {
        private final String topic;

        DetectionRecord(String topic) {
            this.topic = topic;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(Detected d, KafkaSinkContext context, Long timestamp) {
            return new ProducerRecord<>(topic, null, d.timeline, d.home.getBytes(StandardCharsets.UTF_8),
                    d.json.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A source of {@code topic} from {@code start}, up to the offsets present at the start with --bounded. */
    private <T> KafkaSource<T> kafkaSource(String topic, String group, OffsetsInitializer start,
            KafkaRecordDeserializationSchema<T> deserializer) {
        KafkaSourceBuilder<T> source = KafkaSource.<T>builder().setBootstrapServers(bootstrap).setTopics(topic)
                .setGroupId(group).setStartingOffsets(start).setDeserializer(deserializer);
        if (bounded) {
            source.setBounded(OffsetsInitializer.latest());
        }
        return source.build();
    }

    /** Kafka records to packet records: key the home, value the message, timestamp its timeline time. */
    static final class PacketDeserializer implements KafkaRecordDeserializationSchema<RawPacket> {
        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> r, Collector<RawPacket> out) {
            out.collect(new RawPacket(r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8), r.value(),
                    r.timestamp()));
        }

        @Override
        public TypeInformation<RawPacket> getProducedType() {
            return TypeInformation.of(RawPacket.class);
        }
    }

    /** Kafka records of the signature topic: key the device, value the file. */
    static final class SignatureDeserializer implements KafkaRecordDeserializationSchema<SignatureUpdate> {
        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> r, Collector<SignatureUpdate> out) {
            out.collect(new SignatureUpdate(r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8),
                    r.value() == null ? new byte[0] : r.value()));
        }

        @Override
        public TypeInformation<SignatureUpdate> getProducedType() {
            return TypeInformation.of(SignatureUpdate.class);
        }
    }
}
