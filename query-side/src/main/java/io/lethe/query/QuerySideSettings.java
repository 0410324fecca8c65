package io.lethe.query;

import javax.sql.DataSource;
import java.util.Map;

/**
 * What the query side needs from its environment.
 *
 * @param kafka          common Kafka client settings (bootstrap servers; SASL/TLS pass through)
 * @param dataSource     PostgreSQL holding the migrated {@code query} schema
 * @param httpPort       REST and dashboard port (0 picks a free one)
 * @param adminToken     the admin bearer token; only its SHA-256 is kept
 */
public record QuerySideSettings(Map<String, Object> kafka, DataSource dataSource, int httpPort, String adminToken) {

    public QuerySideSettings {
        kafka = Map.copyOf(kafka);
    }
}
