package io.lethe.command;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lethe.api.Json;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Aggregate snapshots: after every {@value #EVENTS_PER_SNAPSHOT} events an aggregate's state is
 * stored, so loading a long-lived model does not replay its whole history. Aggregates are
 * serialised field by field (they have no getters on purpose).
 */
public final class AggregateSnapshots {

    public static final int EVENTS_PER_SNAPSHOT = 25;

    private AggregateSnapshots() {
    }

    public static SnapshotTriggerDefinition everyFewEvents(Configuration configuration) {
        return new EventCountSnapshotTriggerDefinition(configuration.snapshotter(), EVENTS_PER_SNAPSHOT);
    }

    public static JacksonSerializer serializer() {
        ObjectMapper mapper = Json.mapper().copy()
                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .setVisibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY);
        return JacksonSerializer.builder().objectMapper(mapper).build();
    }
}
