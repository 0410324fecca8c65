package io.lethe.command;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The event store's storage engine, timing each append as {@code lethe_event_store_append_seconds}: the
 * inserts of a unit of work's events into {@code events.domainevententry}, run when the command's
 * transaction commits. Axon's own monitors count messages but do not time the storage engine. Everything
 * else is passed through unchanged.
 */
final class TimedEventStorageEngine implements EventStorageEngine {

    private final EventStorageEngine delegate;
    private final Timer appends;
    private final Timer appendStage;

    TimedEventStorageEngine(EventStorageEngine delegate, MeterRegistry registry) {
        this.delegate = delegate;
        this.appends = Timer.builder("lethe.event.store.append")
                .description("Appending a unit of work's events to the PostgreSQL event store")
                .register(registry);
        this.appendStage = PipelineStages.timer(registry, "axon.append");
    }

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        long start = System.nanoTime();
        try {
            delegate.appendEvents(events);
        } finally {
            long nanos = System.nanoTime() - start;
            appends.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
            appendStage.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void storeSnapshot(DomainEventMessage<?> snapshot) {
        delegate.storeSnapshot(snapshot);
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        return delegate.readEvents(trackingToken, mayBlock);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier) {
        return delegate.readEvents(aggregateIdentifier);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        return delegate.readEvents(aggregateIdentifier, firstSequenceNumber);
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        return delegate.readSnapshot(aggregateIdentifier);
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        return delegate.lastSequenceNumberFor(aggregateIdentifier);
    }

    @Override
    public TrackingToken createTailToken() {
        return delegate.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return delegate.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return delegate.createTokenAt(dateTime);
    }
}
