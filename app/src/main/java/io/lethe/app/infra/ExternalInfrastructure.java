package io.lethe.app.infra;

import java.util.Map;
import java.util.Objects;

/**
 * Kafka and PostgreSQL run by someone else (docker compose, a cluster), named by environment
 * variables. Closing it does nothing to the servers.
 *
 * @param kafkaBootstrapServers {@code KAFKA_BOOTSTRAP_SERVERS}
 * @param postgresUrl {@code POSTGRES_URL}, a JDBC URL
 * @param postgresUser {@code POSTGRES_USER}, or {@code null}
 * @param postgresPassword {@code POSTGRES_PASSWORD}, or {@code null}
 */
public record ExternalInfrastructure(String kafkaBootstrapServers, String postgresUrl,
                                     String postgresUser, String postgresPassword) implements Infrastructure {

    /** Environment variable naming Kafka's bootstrap servers. */
    public static final String KAFKA_BOOTSTRAP_SERVERS = "KAFKA_BOOTSTRAP_SERVERS";
    /** Environment variable holding the PostgreSQL JDBC URL. */
    public static final String POSTGRES_URL = "POSTGRES_URL";
    /** Environment variable holding the PostgreSQL user. */
    public static final String POSTGRES_USER = "POSTGRES_USER";
    /** Environment variable holding the PostgreSQL password. */
    public static final String POSTGRES_PASSWORD = "POSTGRES_PASSWORD";

    /** Requires the Kafka and PostgreSQL addresses; user and password may be null. */
    public ExternalInfrastructure {
        Objects.requireNonNull(kafkaBootstrapServers, KAFKA_BOOTSTRAP_SERVERS);
        Objects.requireNonNull(postgresUrl, POSTGRES_URL);
    }

    /** Reads the process environment; see {@link #fromEnvironment(Map)}. */
    public static ExternalInfrastructure fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * Builds from {@code KAFKA_BOOTSTRAP_SERVERS}, {@code POSTGRES_URL} and the optional
     * {@code POSTGRES_USER} / {@code POSTGRES_PASSWORD}.
     *
     * @throws IllegalStateException if either address is missing: half an external setup is a
     *     configuration mistake, and silently embedding the other half would hide it
     */
    public static ExternalInfrastructure fromEnvironment(Map<String, String> env) {
        String kafka = blankToNull(env.get(KAFKA_BOOTSTRAP_SERVERS));
        String url = blankToNull(env.get(POSTGRES_URL));
        if (kafka == null || url == null) {
            throw new IllegalStateException("external infrastructure needs both " + KAFKA_BOOTSTRAP_SERVERS
                    + " and " + POSTGRES_URL + " (got " + KAFKA_BOOTSTRAP_SERVERS + "=" + kafka
                    + ", " + POSTGRES_URL + "=" + url + ")");
        }
        return new ExternalInfrastructure(kafka, url, blankToNull(env.get(POSTGRES_USER)),
                blankToNull(env.get(POSTGRES_PASSWORD)));
    }

    /** Whether {@code env} asks for external infrastructure (either address is set). */
    static boolean requested(Map<String, String> env) {
        return blankToNull(env.get(KAFKA_BOOTSTRAP_SERVERS)) != null || blankToNull(env.get(POSTGRES_URL)) != null;
    }

    /** Nothing to stop: the servers are not ours. */
    @Override
    public void close() {
    }

    /** Hides the password. */
    @Override
    public String toString() {
        return "ExternalInfrastructure[kafka=" + kafkaBootstrapServers + ", postgres=" + postgresUrl
                + ", user=" + postgresUser + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
