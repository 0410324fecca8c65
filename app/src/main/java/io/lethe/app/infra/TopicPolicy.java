package io.lethe.app.infra;

import io.lethe.api.Topics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the contract's topics are created: partitions, replication and retention, owned by the code rather
 * than left to broker defaults. {@code lethe.events} keeps everything ({@code retention.ms=-1}): the query
 * side rebuilds its projections by reading it from the start with a new consumer group, so an event that
 * expired would be a hole in every rebuilt projection. The others keep what their readers need.
 *
 * <ul>
 *   <li>{@code LETHE_TOPIC_REPLICATION_FACTOR}, {@code LETHE_TOPIC_MIN_INSYNC_REPLICAS}: default the broker's
 *       ({@code default.replication.factor}, {@code min.insync.replicas}); 3 and 2 on a production cluster;</li>
 *   <li>{@code LETHE_COMMANDS_RETENTION_MS}: {@code lethe.commands}, {@code lethe.command-results} and
 *       {@code lethe.jobs}; default 7 days;</li>
 *   <li>{@code LETHE_DLQ_RETENTION_MS}: the three dead-letter topics; default 30 days.</li>
 * </ul>
 * Settings apply when a topic is created; an existing topic keeps its own (change it with
 * {@code kafka-configs.sh --alter}).
 */
public record TopicPolicy(int partitions, Optional<Short> replicationFactor, Optional<String> minInsyncReplicas,
                          long commandsRetentionMs, long deadLetterRetentionMs) {

    public static final int PARTITIONS = 4;
    static final long SEVEN_DAYS_MS = 7L * 24 * 3600 * 1000;
    static final long THIRTY_DAYS_MS = 30L * 24 * 3600 * 1000;

    public static TopicPolicy fromEnvironment(Map<String, String> env) {
        return new TopicPolicy(PARTITIONS,
                positive(env, "LETHE_TOPIC_REPLICATION_FACTOR").map(Long::shortValue),
                positive(env, "LETHE_TOPIC_MIN_INSYNC_REPLICAS").map(String::valueOf),
                positive(env, "LETHE_COMMANDS_RETENTION_MS").orElse(SEVEN_DAYS_MS),
                positive(env, "LETHE_DLQ_RETENTION_MS").orElse(THIRTY_DAYS_MS));
    }

    /** Every topic of the contract with its settings. */
    public List<KafkaTopics.Spec> specs() {
        List<KafkaTopics.Spec> specs = new ArrayList<>();
        for (String topic : Topics.all()) {
            Map<String, String> config = new HashMap<>();
            config.put("retention.ms", Long.toString(retentionOf(topic)));
            minInsyncReplicas.ifPresent(isr -> config.put("min.insync.replicas", isr));
            specs.add(new KafkaTopics.Spec(topic, partitions, replicationFactor, config));
        }
        return specs;
    }

    long retentionOf(String topic) {
        if (topic.equals(Topics.EVENTS)) {
            return -1;
        }
        return topic.endsWith(".dlq") ? deadLetterRetentionMs : commandsRetentionMs;
    }

    private static Optional<Long> positive(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed > 0) {
                return Optional.of(parsed);
            }
        } catch (NumberFormatException e) {
            // reported below with the variable's name
        }
        throw new IllegalArgumentException(name + " must be a positive number, was " + value);
    }
}
