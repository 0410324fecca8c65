package io.lethe.command.publish;

import io.lethe.api.Topics;
import io.lethe.api.cloudevents.CloudEventCodec;
import io.lethe.api.events.DomainEvent;
import io.lethe.api.events.EventEnvelope;
import io.lethe.api.events.StoredEvent;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The outbox: a tracking processor reads the event store in order and publishes every event to
 * {@code lethe.events}, keyed by aggregate id. Sends of a batch are awaited before the batch's
 * token commits, so an event is published at least once and never skipped; ordering per
 * aggregate holds because one segment reads the store in order.
 */
@ProcessingGroup(KafkaEventPublisher.PROCESSING_GROUP)
public final class KafkaEventPublisher implements EventMessageHandler {

    public static final String PROCESSING_GROUP = "lethe-kafka-publisher";
    private static final String PENDING = KafkaEventPublisher.class.getName() + ".pending";

    private final KafkaProducer<String, byte[]> producer;
    private final PublicationLog publicationLog;

    public KafkaEventPublisher(KafkaProducer<String, byte[]> producer, ConnectionProvider connections) {
        this.producer = producer;
        this.publicationLog = new PublicationLog(connections);
    }

    @Override
    public Object handle(EventMessage<?> event) {
        if (!(event instanceof DomainEventMessage<?> domainEvent) || !(event.getPayload() instanceof DomainEvent)) {
            return null;
        }
        long globalIndex = ((TrackedEventMessage<?>) event).trackingToken().position().orElseThrow();
        EventEnvelope envelope = envelope(domainEvent, publicationLog.leafIndexOf(event.getIdentifier(), globalIndex));
        byte[] value = CloudEventCodec.write(envelope.toCloudEvent());
        pendingSends().add(producer.send(new ProducerRecord<>(Topics.EVENTS, envelope.aggregateId(), value)));
        return null;
    }

    /** Builds the envelope from the same JSON the event store holds, so replays recompute equal leaves. */
    static EventEnvelope envelope(DomainEventMessage<?> event, long leafIndex) {
        return new StoredEvent(event.getIdentifier(), event.getPayloadType().getName(), event.getType(),
                event.getAggregateIdentifier(), event.getSequenceNumber(), event.getTimestamp(),
                StoredEvent.dataOf(event.getPayload())).envelope(leafIndex);
    }

    /** The batch's sends, awaited once before its unit of work commits its token. */
    private List<Future<RecordMetadata>> pendingSends() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(PENDING, key -> {
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            unitOfWork.onPrepareCommit(u -> awaitAll(sends));
            return sends;
        });
    }

    private void awaitAll(List<Future<RecordMetadata>> sends) {
        producer.flush();
        for (Future<RecordMetadata> send : sends) {
            try {
                send.get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing events", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("publishing to " + Topics.EVENTS + " failed; the batch is retried", e);
            }
        }
    }
}
