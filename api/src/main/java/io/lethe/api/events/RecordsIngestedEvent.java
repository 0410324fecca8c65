package io.lethe.api.events;

import java.util.List;

/** Records entered the vault for a dataset; only their commitments and pseudonyms are recorded. */
public record RecordsIngestedEvent(String dataset, List<IngestedRecord> records) implements DomainEvent {

    public RecordsIngestedEvent {
        records = List.copyOf(records);
    }
}
