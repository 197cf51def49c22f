import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * End-to-end latency of the Flink job: reads the detections topic as a read_committed consumer for
 * SECONDS and, for each detection, takes the time it became readable less its record timestamp
 * (the burst's last packet on the timeline, which publish --speed 1 sends at that wall-clock time).
 * Prints the count, median and 99th percentile in ms, over the whole window and over its second half.
 *   java -cp KAFKA_CLASSPATH bench/FlinkLatency.java BOOTSTRAP TOPIC SECONDS
 */
public class FlinkLatency {
    public static void main(String[] args) {
        Properties c = new Properties();
        c.put("bootstrap.servers", args[0]);
        c.put("isolation.level", "read_committed");
        c.put("auto.offset.reset", "earliest");
        c.put("group.id", "latency-" + System.nanoTime());
        List<Long> latencies = new ArrayList<>();
        List<Long> later = new ArrayList<>();
        long begin = System.currentTimeMillis();
        long end = begin + Long.parseLong(args[2]) * 1000;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(Set.of(args[1]));
            while (System.currentTimeMillis() < end) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.currentTimeMillis();
                    latencies.add(now - r.timestamp());
                    if (now - begin > (end - begin) / 2) {
                        later.add(now - r.timestamp());
                    }
                }
            }
        }
        print("whole window", latencies);
        print("second half (after the start-up)", later);
    }

    private static void print(String what, List<Long> latencies) {
        latencies.sort(null);
        if (latencies.isEmpty()) {
            System.out.println(what + ": no detection read");
            return;
        }
        System.out.printf("%s: %d detections, latency median %d ms, p99 %d ms%n", what, latencies.size(),
                latencies.get(latencies.size() / 2), latencies.get((int) Math.min(latencies.size() - 1, Math.ceil(latencies.size() * 0.99) - 1)));
    }
}
