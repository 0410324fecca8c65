package io.lethe.app.infra;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka and PostgreSQL both running inside (or, for PostgreSQL, beneath) this JVM, with their data
 * under one directory: {@code kafka/} and {@code postgres/}. Restarting on the same directory keeps
 * every topic, record and table.
 */
public final class EmbeddedInfrastructure implements Infrastructure {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedInfrastructure.class);

    private final EmbeddedKafka kafka;
    private final EmbeddedPostgresServer postgres;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedInfrastructure(EmbeddedKafka kafka, EmbeddedPostgresServer postgres) {
        this.kafka = kafka;
        this.postgres = postgres;
    }

    /**
     * Starts PostgreSQL and Kafka under {@code dataDir}; either port may be 0 for a free one.
     * If Kafka fails to start, the already started PostgreSQL is stopped again.
     */
    public static EmbeddedInfrastructure start(Path dataDir, int kafkaPort, int postgresPort) {
        long began = System.nanoTime();
        // Check (and pick) the Kafka port before PostgreSQL spends a second or two starting.
        int resolvedKafkaPort = FreePorts.resolveAvailable(kafkaPort, "Kafka");
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dataDir.resolve("postgres"), postgresPort);
        long postgresUp = System.nanoTime();
        EmbeddedKafka kafka;
        try {
            kafka = EmbeddedKafka.start(dataDir.resolve("kafka"), resolvedKafkaPort);
        } catch (RuntimeException e) {
            postgres.stop();
            throw e;
        }
        long kafkaUp = System.nanoTime();
        LOG.info("Embedded infrastructure up in {} ms (postgres {} ms, kafka {} ms): kafka={} postgres={} data={}",
                (kafkaUp - began) / 1_000_000, (postgresUp - began) / 1_000_000, (kafkaUp - postgresUp) / 1_000_000,
                kafka.bootstrapServers(), postgres.jdbcUrl(), dataDir.toAbsolutePath());
        return new EmbeddedInfrastructure(kafka, postgres);
    }

    /** The embedded broker, for callers that need more than the bootstrap address. */
    public EmbeddedKafka kafka() {
        return kafka;
    }

    /** The embedded database server, e.g. for its {@code DataSource}. */
    public EmbeddedPostgresServer postgres() {
        return postgres;
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public String postgresUrl() {
        return postgres.jdbcUrl();
    }

    @Override
    public String postgresUser() {
        return postgres.user();
    }

    @Override
    public String postgresPassword() {
        return postgres.password();
    }

    /** Stops Kafka first (its clients may still be flushing), then PostgreSQL; idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                kafka.stop();
            } finally {
                postgres.stop();
            }
        }
    }
}
