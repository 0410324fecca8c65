package io.lethe.command.publish;

import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Kafka sends made while a tracking processor handles a batch, awaited once before the batch's
 * unit of work commits its token: if any send fails, the token does not move and the batch is
 * handled again (at least once, never skipped).
 */
public final class AwaitedSends {

    private final KafkaProducer<String, byte[]> producer;
    private final String resourceKey;
    private final Timer awaiting;

    /** Sends whose waits are not timed. */
    public AwaitedSends(KafkaProducer<String, byte[]> producer, String name) {
        this(producer, name, Timer.builder("untimed")
                .register(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));
    }

    /** @param awaiting times each batch's wait for its acknowledgements */
    public AwaitedSends(KafkaProducer<String, byte[]> producer, String name, Timer awaiting) {
        this.producer = producer;
        this.resourceKey = AwaitedSends.class.getName() + "." + name;
        this.awaiting = awaiting;
    }

    public void send(ProducerRecord<String, byte[]> record) {
        pending().add(producer.send(record));
    }

    private List<Future<RecordMetadata>> pending() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(resourceKey, key -> {
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            unitOfWork.onPrepareCommit(u -> awaiting.record(() -> awaitAll(sends)));
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
                throw new IllegalStateException("interrupted while publishing", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("publishing to Kafka failed; the batch is handled again", e);
            }
        }
    }
}
