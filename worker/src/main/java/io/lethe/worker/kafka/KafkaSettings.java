package io.lethe.worker.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/** Splits the service's Kafka settings: consumer-only keys must not reach the producer and vice versa. */
final class KafkaSettings {

    private static final Set<String> CONSUMER_ONLY = Set.of(ConsumerConfig.GROUP_ID_CONFIG,
            ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
            ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG);

    private KafkaSettings() {
    }

    /** Settings shared by both clients (bootstrap servers, security). */
    static Map<String, Object> common(Map<String, Object> kafka) {
        Map<String, Object> common = new HashMap<>(kafka);
        CONSUMER_ONLY.forEach(common::remove);
        return common;
    }
}
