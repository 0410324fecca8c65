package io.lethe.app.infra;

import java.util.Map;

/**
 * Where Lethe's Kafka and PostgreSQL live. Implementations either own the servers
 * ({@link EmbeddedInfrastructure}) or merely point at them ({@link ExternalInfrastructure}).
 */
public interface Infrastructure extends AutoCloseable {

    /** Kafka {@code bootstrap.servers}, e.g. {@code 127.0.0.1:9092}. */
    String kafkaBootstrapServers();

    /** JDBC URL of the Lethe database, e.g. {@code jdbc:postgresql://127.0.0.1:5432/lethe}. */
    String postgresUrl();

    /** Database user; may be {@code null} when the URL carries the credentials. */
    String postgresUser();

    /** Database password; may be {@code null} when the URL carries the credentials. */
    String postgresPassword();

    /**
     * Creates the given topics (name → partition count) where they do not exist yet, with the
     * cluster's default replication factor. Existing topics are left as they are.
     */
    default void ensureTopics(Map<String, Integer> partitions) {
        KafkaTopics.ensure(kafkaBootstrapServers(), partitions);
    }

    /** Creates these topics, with their settings, where missing. */
    default void ensureTopics(java.util.List<KafkaTopics.Spec> topics) {
        KafkaTopics.ensure(kafkaBootstrapServers(), topics);
    }

    /** Stops whatever this instance started; idempotent. External servers are left running. */
    @Override
    void close();
}
