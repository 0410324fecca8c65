package io.lethe.command;

import javax.sql.DataSource;
import java.util.Map;

/**
 * What the command side needs from its environment.
 *
 * @param kafka      common Kafka client settings (at least {@code bootstrap.servers}; SASL/TLS settings pass through)
 * @param dataSource PostgreSQL holding the {@code events} and {@code vault} schemas, migrated
 * @param maxCommandBytes largest accepted command value
 */
public record CommandSideSettings(Map<String, Object> kafka, DataSource dataSource, int maxCommandBytes) {

    public CommandSideSettings {
        kafka = Map.copyOf(kafka);
    }
}
