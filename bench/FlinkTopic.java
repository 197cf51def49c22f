import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates a topic: java -cp KAFKA_CLASSPATH bench/FlinkTopic.java BOOTSTRAP NAME PARTITIONS. A replay
 * faster than real time puts its records' timestamps ahead of now by up to the capture's length;
 * the broker refuses those more than an hour ahead unless the topic allows them.
 */
public class FlinkTopic {
    public static void main(String[] args) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", args[0]))) {
            admin.createTopics(List.of(new NewTopic(args[1], Integer.parseInt(args[2]), (short) 1)
                    .configs(Map.of("message.timestamp.after.max.ms", Long.toString(Long.MAX_VALUE))))).all().get();
        }
    }
}
