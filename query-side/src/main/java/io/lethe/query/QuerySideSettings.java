package io.lethe.query;

import io.lethe.crypto.ledger.LedgerSecret;
import io.lethe.query.consume.EventConsumer;
import io.lethe.query.log.TransparencyLog;
import io.lethe.query.witness.WitnessEndpoint;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import javax.sql.DataSource;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
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
 * @param meterRegistry  the process's registry: the query side's meters go into it, and {@code GET /metrics}
 *                       serves all of it (under {@code lethe up} also the command side's and the worker's)
 */
public record QuerySideSettings(Map<String, Object> kafka, DataSource dataSource, int httpPort, String adminToken,
                                String consumerGroup, LogSettings log, LedgerSecret ledgerSecret,
                                KeyPair logSigningKey, PrometheusMeterRegistry meterRegistry) {

    /**
     * @param origin           checkpoint origin line and signing-key name
     * @param checkpointPeriod how often a checkpoint is signed when the log grew
     * @param witnesses        the C2SP tlog-witnesses every new checkpoint is submitted to ({@code LETHE_WITNESSES})
     */
    public record LogSettings(String origin, Duration checkpointPeriod, List<WitnessEndpoint> witnesses) {

        /** {@code lethe.local/log}, every 2 s, no witnesses. */
        public static final LogSettings DEFAULT = new LogSettings(TransparencyLog.DEFAULT_ORIGIN, Duration.ofSeconds(2));

        /** Copies the witness list. */
        public LogSettings {
            witnesses = List.copyOf(witnesses);
        }

        /** No witnesses. */
        public LogSettings(String origin, Duration checkpointPeriod) {
            this(origin, checkpointPeriod, List.of());
        }

        /** The default origin and period, submitting to {@code witnesses}. */
        public static LogSettings withWitnesses(List<WitnessEndpoint> witnesses) {
            return new LogSettings(DEFAULT.origin(), DEFAULT.checkpointPeriod(), witnesses);
        }
    }

    public QuerySideSettings {
        kafka = Map.copyOf(kafka);
        java.util.Objects.requireNonNull(meterRegistry, "meterRegistry");
    }

    /** Settings whose {@code /metrics} shows the query side's meters alone, in a registry of its own. */
    public QuerySideSettings(Map<String, Object> kafka, DataSource dataSource, int httpPort, String adminToken,
                             String consumerGroup, LogSettings log, LedgerSecret ledgerSecret, KeyPair logSigningKey) {
        this(kafka, dataSource, httpPort, adminToken, consumerGroup, log, ledgerSecret, logSigningKey,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    /** The default consumer group and log settings, with the process's registry. */
    public QuerySideSettings(Map<String, Object> kafka, DataSource dataSource, int httpPort, String adminToken,
                             LedgerSecret ledgerSecret, KeyPair logSigningKey, PrometheusMeterRegistry meterRegistry) {
        this(kafka, dataSource, httpPort, adminToken, EventConsumer.CONSUMER_GROUP, LogSettings.DEFAULT, ledgerSecret,
                logSigningKey, meterRegistry);
    }

    /** The default consumer group and log settings, and a registry of its own. */
    public QuerySideSettings(Map<String, Object> kafka, DataSource dataSource, int httpPort, String adminToken,
                             LedgerSecret ledgerSecret, KeyPair logSigningKey) {
        this(kafka, dataSource, httpPort, adminToken, ledgerSecret, logSigningKey,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }
}
