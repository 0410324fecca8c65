package io.lethe.command;

import io.lethe.api.commands.CommandSourcePolicy;
import io.lethe.crypto.ledger.LedgerSecret;
import io.lethe.command.model.ForgetPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import javax.sql.DataSource;
import java.util.Map;

/**
 * What the command side needs from its environment.
 *
 * @param kafka      common Kafka client settings (at least {@code bootstrap.servers}; SASL/TLS settings pass through)
 * @param dataSource PostgreSQL holding the {@code events} and {@code vault} schemas, migrated
 * @param maxCommandBytes largest accepted command value
 * @param ledgerSecret  the key of every record commitment and subject pseudonym (shared with the query side)
 * @param forgetPolicy  what {@code mode=auto} does for records in the backbone
 * @param commandSources which CloudEvent sources may send which command types
 * @param allowPlaintextPayloads accept inline plaintext payloads on Kafka (unsafe, demos only: the personal data
 *                               outlives any erasure on the topic); refused with {@code PLAINTEXT_PAYLOAD} otherwise
 * @param meterRegistry where the command side's meters go (commands, event-store appends, Axon's monitors, the
 *                      intake consumer's lag); the process owns it and decides how it is exposed
 */
public record CommandSideSettings(Map<String, Object> kafka, DataSource dataSource, int maxCommandBytes,
                                  LedgerSecret ledgerSecret, ForgetPolicy forgetPolicy,
                                  CommandSourcePolicy commandSources, boolean allowPlaintextPayloads,
                                  MeterRegistry meterRegistry) {

    public CommandSideSettings {
        kafka = Map.copyOf(kafka);
        java.util.Objects.requireNonNull(commandSources, "commandSources");
        java.util.Objects.requireNonNull(meterRegistry, "meterRegistry");
    }

    /** Settings whose meters are kept in a registry of their own, exposed nowhere (tests). */
    public CommandSideSettings(Map<String, Object> kafka, DataSource dataSource, int maxCommandBytes,
                               LedgerSecret ledgerSecret, ForgetPolicy forgetPolicy, CommandSourcePolicy commandSources,
                               boolean allowPlaintextPayloads) {
        this(kafka, dataSource, maxCommandBytes, ledgerSecret, forgetPolicy, commandSources, allowPlaintextPayloads,
                new SimpleMeterRegistry());
    }

    /** Settings that refuse plaintext payloads. */
    public CommandSideSettings(Map<String, Object> kafka, DataSource dataSource, int maxCommandBytes,
                               LedgerSecret ledgerSecret, ForgetPolicy forgetPolicy, CommandSourcePolicy commandSources) {
        this(kafka, dataSource, maxCommandBytes, ledgerSecret, forgetPolicy, commandSources, false);
    }

    /** Settings with the {@link CommandSourcePolicy#DEFAULT default source policy}. */
    public CommandSideSettings(Map<String, Object> kafka, DataSource dataSource, int maxCommandBytes,
                               LedgerSecret ledgerSecret, ForgetPolicy forgetPolicy) {
        this(kafka, dataSource, maxCommandBytes, ledgerSecret, forgetPolicy, CommandSourcePolicy.DEFAULT);
    }
}
