package io.lethe.query;

import io.lethe.api.ledger.LedgerSecret;
import io.lethe.query.consume.EventConsumer;
import io.lethe.query.log.TransparencyLog;

import javax.sql.DataSource;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Map;

/**
 * What the query side needs from its environment.
 *
 * @param kafka          common Kafka client settings (bootstrap servers; SASL/TLS pass through)
 * @param dataSource     PostgreSQL holding the migrated {@code query} schema
 * @param httpPort       REST and dashboard port (0 picks a free one)
 * @param adminToken     the admin bearer token; only its SHA-256 is kept
 * @param consumerGroup  the Kafka consumer group of the projections (a fresh one replays from the beginning)
 * @param log            transparency-log settings
 * @param ledgerSecret   the command side's ledger secret: turns record and subject ids into commitments for proofs
 * @param logSigningKey  the Ed25519 key checkpoints and certificates are signed with; it comes from outside the
 *                       database (a file), and its public half joins the key history in {@code query.log_keys}
 */
public record QuerySideSettings(Map<String, Object> kafka, DataSource dataSource, int httpPort, String adminToken,
                                String consumerGroup, LogSettings log, LedgerSecret ledgerSecret,
                                KeyPair logSigningKey) {

    /**
     * @param origin           checkpoint origin line and signing-key name
     * @param checkpointPeriod how often a checkpoint is signed when the log grew
     */
    public record LogSettings(String origin, Duration checkpointPeriod) {

        /** {@code lethe.local/log}, every 2 s. */
        public static final LogSettings DEFAULT = new LogSettings(TransparencyLog.DEFAULT_ORIGIN, Duration.ofSeconds(2));
    }

    public QuerySideSettings {
        kafka = Map.copyOf(kafka);
    }

    /** The default consumer group and log settings. */
    public QuerySideSettings(Map<String, Object> kafka, DataSource dataSource, int httpPort, String adminToken,
                             LedgerSecret ledgerSecret, KeyPair logSigningKey) {
        this(kafka, dataSource, httpPort, adminToken, EventConsumer.CONSUMER_GROUP, LogSettings.DEFAULT, ledgerSecret,
                logSigningKey);
    }
}
