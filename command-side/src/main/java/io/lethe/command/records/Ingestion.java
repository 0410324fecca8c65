package io.lethe.command.records;

import io.lethe.api.events.IngestedRecord;
import io.lethe.api.events.RecordsIngestedEvent;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One accepted ingest: which records (as commitments and pseudonyms) entered the vault. Each ingest
 * is its own aggregate, so recording it never loads earlier ingests; the rules that span ingests
 * (a record id keeps its subject and label) are checked against the vault in the same transaction.
 */
public class Ingestion {

    @AggregateIdentifier
    private String ingestionId;

    /** Required by Axon to construct an empty instance before replaying its events. */
    protected Ingestion() {
    }

    Ingestion(String ingestionId, String dataset, List<IngestedRecord> records) {
        apply(new RecordsIngestedEvent(ingestionId, dataset, records));
    }

    /** The ingestion's id for a command id: stable, so a retried command names the same aggregate. */
    static String idFor(String commandId) {
        return "ingest-" + UUID.nameUUIDFromBytes(commandId.getBytes(StandardCharsets.UTF_8));
    }

    @EventSourcingHandler
    void on(RecordsIngestedEvent event) {
        this.ingestionId = event.ingestionId();
    }
}
