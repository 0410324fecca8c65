package io.lethe.command.records;

import io.lethe.api.events.IngestedRecord;
import io.lethe.api.events.RecordsIngestedEvent;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The registry of one dataset's records, as commitments and pseudonyms: the aggregate whose events
 * say which records exist. Their sealed payloads live in the vault, written in the same transaction.
 */
public class Dataset {

    @AggregateIdentifier
    private String dataset;
    private long recordCount;

    /** Required by Axon to construct an empty instance before replaying its events. */
    public Dataset() {
    }

    void register(String dataset, List<IngestedRecord> records) {
        apply(new RecordsIngestedEvent(dataset, records));
    }

    @EventSourcingHandler
    void on(RecordsIngestedEvent event) {
        this.dataset = event.dataset();
        this.recordCount += event.records().size();
    }

    long recordCount() {
        return recordCount;
    }
}
