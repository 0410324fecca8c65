package io.lethe.api.events;

import java.util.List;

/**
 * Records entered the vault for a dataset; only their commitments and pseudonyms are recorded.
 *
 * @param ingestionId the ingestion's own id (derived from the command id), the aggregate of this event
 */
public record RecordsIngestedEvent(String ingestionId, String dataset, List<IngestedRecord> records)
        implements DomainEvent {

    public RecordsIngestedEvent {
        records = List.copyOf(records);
    }
}
