package io.lethe.api.events;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every domain event class by its CloudEvent type, so consumers can read {@code data} back into records. */
public final class EventTypes {

    private static final List<Class<? extends DomainEvent>> ALL = List.of(
            ModelRegisteredEvent.class,
            RecordsIngestedEvent.class,
            VersionRequestedEvent.class,
            VersionCompletedEvent.class,
            VersionFailedEvent.class,
            RecordsForgottenEvent.class,
            NothingToForgetEvent.class,
            VersionDeployedEvent.class,
            DeviceUpdatedEvent.class,
            ErasureRequestedEvent.class,
            ErasureJoinedEvent.class,
            ErasureModelSettledEvent.class,
            ErasureModelDeployedEvent.class,
            ErasureExtendedEvent.class,
            ErasureOverdueEvent.class,
            SubjectKeyShreddedEvent.class,
            ErasureCompletedEvent.class,
            ErasureFailedEvent.class);

    private static final Map<String, Class<? extends DomainEvent>> BY_TYPE = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(DomainEvent::cloudEventType, Function.identity()));

    private EventTypes() {
    }

    /** Every event class the ledger emits, in the order of a model's and an erasure's life. */
    public static List<Class<? extends DomainEvent>> all() {
        return ALL;
    }

    public static Optional<Class<? extends DomainEvent>> classOf(String cloudEventType) {
        return Optional.ofNullable(BY_TYPE.get(cloudEventType));
    }
}
