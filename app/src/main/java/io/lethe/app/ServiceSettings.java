package io.lethe.app;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.lethe.app.infra.Infrastructure;
import org.apache.kafka.clients.CommonClientConfigs;

import java.util.HashMap;
import java.util.Map;

/**
 * Turns an {@link Infrastructure} into the settings each service takes. Kafka client settings
 * beyond the bootstrap servers (SASL, TLS) come from {@code LETHE_KAFKA_*} environment variables,
 * e.g. {@code LETHE_KAFKA_SECURITY_PROTOCOL=SASL_SSL} becomes {@code security.protocol=SASL_SSL}.
 */
public final class ServiceSettings {

    private static final String KAFKA_ENV_PREFIX = "LETHE_KAFKA_";

    private ServiceSettings() {
    }

    public static Map<String, Object> kafka(Infrastructure infrastructure, Map<String, String> env) {
        return kafka(infrastructure.kafkaBootstrapServers(), env);
    }

    /** Client settings for {@code bootstrapServers}, with every {@code LETHE_KAFKA_*} setting passed through. */
    public static Map<String, Object> kafka(String bootstrapServers, Map<String, String> env) {
        Map<String, Object> kafka = new HashMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith(KAFKA_ENV_PREFIX)) {
                kafka.put(name.substring(KAFKA_ENV_PREFIX.length()).toLowerCase().replace('_', '.'), value);
            }
        });
        kafka.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return kafka;
    }

    /** One small pool per service, as if each ran in its own process. */
    public static HikariDataSource dataSource(Infrastructure infrastructure, String poolName, int maxSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(infrastructure.postgresUrl());
        config.setUsername(infrastructure.postgresUser());
        config.setPassword(infrastructure.postgresPassword());
        config.setPoolName(poolName);
        config.setMaximumPoolSize(maxSize);
        config.setMinimumIdle(1);
        // JDBC batches go to PostgreSQL as multi-row INSERTs: one statement for a batch's vault records, events,
        // leaves and nodes instead of one per row (nothing reads executeBatch's per-row counts, which it drops).
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        // Every execution is planned for its own parameters. The batch statements look rows up by arrays
        // (`= ANY(?)`, `unnest(?)`) of a few to a thousand keys; PostgreSQL's cached generic plan is made once, for
        // no particular array and for the table as it was then, and is kept until the table is next analysed. Made
        // while a table was small it scans the whole table for each array, a plan that only grows worse: in three of
        // five steady-bench runs the vault lookup took 190-385 us of PostgreSQL per command, planned per execution
        // 9-17 us in every run (README, Command pipeline: the steady rate).
        config.addDataSourceProperty("options", "-c plan_cache_mode=force_custom_plan");
        // Wait for a restarted database instead of failing the service.
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }
}
