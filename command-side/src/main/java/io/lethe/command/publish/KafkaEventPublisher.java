package io.lethe.command.publish;

import io.lethe.api.Topics;
import io.lethe.api.cloudevents.CloudEvent;
import io.lethe.api.cloudevents.CloudEventCodec;
import io.lethe.api.events.DomainEvent;
import io.lethe.api.events.EventEnvelope;
import io.lethe.api.events.StoredEvent;
import io.lethe.command.PipelineStages;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.Serializer;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The outbox: a tracking processor reads the event store in order and publishes every event to
 * {@code lethe.events}, keyed by aggregate id. Sends of a batch are awaited before the batch's
 * token commits, so an event is published at least once and never skipped; ordering per
 * aggregate holds because one segment reads the store in order.
 */
@ProcessingGroup(KafkaEventPublisher.PROCESSING_GROUP)
public final class KafkaEventPublisher implements EventMessageHandler {

    public static final String PROCESSING_GROUP = "lethe-kafka-publisher";
    private static final String LEAF_INDEXES = "lethe.leafIndexes";

    private final AwaitedSends sends;
    private final PublicationLog publicationLog;
    private final Timer assigning;
    private final Timer serialising;
    private final Serializer eventSerializer;

    /**
     * @param dataSource      for the leaf indexes, committed on their own before any send (see {@link PublicationLog})
     * @param meters          where the stages {@code publish.assign}, {@code publish.serialise} and
     *                        {@code publish.await} are timed
     * @param eventSerializer the event store's own serializer: with it, a stored event's payload bytes are read
     *                        back as they are, never deserialised into the record and written again
     */
    public KafkaEventPublisher(KafkaProducer<String, byte[]> producer, DataSource dataSource, MeterRegistry meters,
                               Serializer eventSerializer) {
        this.eventSerializer = eventSerializer;
        this.sends = new AwaitedSends(producer, PROCESSING_GROUP, PipelineStages.timer(meters, "publish.await"));
        this.publicationLog = new PublicationLog(dataSource);
        this.assigning = PipelineStages.timer(meters, "publish.assign");
        this.serialising = PipelineStages.timer(meters, "publish.serialise");
    }

    @Override
    public Object handle(EventMessage<?> event) {
        if (!isPublished(event)) {
            return null;
        }
        DomainEventMessage<?> domainEvent = (DomainEventMessage<?>) event;
        Long leafIndex = leafIndexes().get(event.getIdentifier());
        long index = leafIndex != null ? leafIndex
                : assigning.record(() -> publicationLog.leafIndexOf(event.getIdentifier()));
        long start = System.nanoTime();
        ProducerRecord<String, byte[]> record = record(envelope(domainEvent, index, eventSerializer));
        serialising.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        sends.send(record);
        return null;
    }

    /**
     * The event as a structured-mode CloudEvents record: the {@code content-type} header is how consumers using
     * the CloudEvents Kafka binding (the SDKs among them) know the value is the whole event.
     */
    static ProducerRecord<String, byte[]> record(EventEnvelope envelope) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.EVENTS, envelope.aggregateId(),
                CloudEventCodec.write(envelope.toCloudEvent()));
        record.headers().add(CloudEvent.CONTENT_TYPE_HEADER,
                CloudEvent.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    /**
     * The leaf indexes of the whole batch the tracking processor is handling, assigned together on its
     * first event (one commit instead of one per event) and kept on the batch's unit of work.
     */
    private Map<String, Long> leafIndexes() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        return unitOfWork.getOrComputeResource(LEAF_INDEXES, key -> {
            List<? extends Message<?>> batch = unitOfWork instanceof BatchingUnitOfWork<?> b ? b.getMessages()
                    : List.of(unitOfWork.getMessage());
            return assigning.record(() -> publicationLog.leafIndexesOf(batch.stream()
                    .filter(KafkaEventPublisher::isPublished).map(Message::getIdentifier).toList()));
        });
    }

    /** Domain events of ours; checked by type, so no payload is deserialised for it. */
    private static boolean isPublished(Message<?> message) {
        return message instanceof DomainEventMessage<?> && DomainEvent.class.isAssignableFrom(message.getPayloadType());
    }

    /**
     * Builds the envelope from the very bytes the event store holds, read as {@code lethe verify}'s replay reads
     * them ({@link StoredEvent#fromRow}), so both compute equal leaves. An event read from the store carries its
     * serialized payload, which {@code serializePayload} hands back without deserialising it (that round trip
     * through the record was 30 % of the publisher's CPU in issue 15's profile); any other event is serialised
     * as the store would.
     */
    static EventEnvelope envelope(DomainEventMessage<?> event, long leafIndex, Serializer eventSerializer) {
        byte[] stored = event.serializePayload(eventSerializer, byte[].class).getData();
        return StoredEvent.fromStored(event.getIdentifier(), event.getPayloadType().getName(), event.getType(),
                event.getAggregateIdentifier(), event.getSequenceNumber(), event.getTimestamp(), stored)
                .envelope(leafIndex);
    }
}
