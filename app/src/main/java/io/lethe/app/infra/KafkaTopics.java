package io.lethe.app.infra;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Idempotent topic creation through the Kafka Admin API. */
public final class KafkaTopics {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private KafkaTopics() {
    }

    /**
     * Creates each topic in {@code partitions} (name → partition count) that does not exist yet.
     * Replication factor is left to the broker ({@code default.replication.factor}), so the same
     * call works on the single-node embedded broker and on a real cluster. A topic created
     * concurrently by someone else counts as success.
     */
    public static void ensure(String bootstrapServers, Map<String, Integer> partitions) {
        ensure(bootstrapServers, partitions.entrySet().stream()
                .map(e -> new Spec(e.getKey(), e.getValue(), Optional.empty(), Map.of())).toList());
    }

    /**
     * A topic to create: its partitions, replication factor (empty: the broker's default) and topic-level
     * settings such as {@code retention.ms}.
     */
    public record Spec(String name, int partitions, Optional<Short> replicationFactor, Map<String, String> config) {
    }

    /** Creates each topic that does not exist yet, with its settings; existing topics are left as they are. */
    public static void ensure(String bootstrapServers, List<Spec> topics) {
        if (topics.isEmpty()) {
            return;
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "lethe-topics");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = topics.stream()
                    .filter(t -> !existing.contains(t.name()))
                    .map(t -> new NewTopic(t.name(), Optional.of(t.partitions()), t.replicationFactor())
                            .configs(t.config()))
                    .toList();
            for (var result : admin.createTopics(missing).values().entrySet()) {
                try {
                    result.getValue().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + result.getKey(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list topics on " + bootstrapServers, e);
        }
    }
}
