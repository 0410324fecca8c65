package io.lethe.command.intake;

import io.lethe.api.CommandResult;
import io.lethe.api.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Offsets are committed in order, and only for batches whose replies, and all earlier ones, are acknowledged. */
class AnsweredBatchesTest {

    private static final TopicPartition P0 = new TopicPartition(Topics.COMMANDS, 0);
    private static final TopicPartition P1 = new TopicPartition(Topics.COMMANDS, 1);

    private MockProducer<String, byte[]> broker;
    private Replies replies;
    private final List<Map<TopicPartition, OffsetAndMetadata>> committed = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicInteger answered = new AtomicInteger();

    @BeforeEach
    void broker() {
        broker = new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
        replies = new Replies(broker);
    }

    @Test
    void aBatchIsCommittedOnlyAfterEveryEarlierBatchsRepliesAreAcknowledged() {
        AnsweredBatches batches = new AnsweredBatches(4);
        batches.add(batch(P0, 10, 12));
        batches.add(batch(P1, 5, 5));

        assertThat(batches.settle(false, committed::add)).isEmpty();
        assertThat(committed).as("nothing acknowledged yet").isEmpty();

        broker.completeNext(); // the first batch's first reply only
        batches.settle(false, committed::add);
        assertThat(committed).isEmpty();

        broker.completeNext();
        broker.completeNext();
        batches.settle(false, committed::add);
        assertThat(committed).containsExactly(Map.of(P0, new OffsetAndMetadata(13)));
        assertThat(answered).hasValue(1);

        broker.completeNext();
        batches.settle(false, committed::add);
        assertThat(committed).endsWith(Map.of(P1, new OffsetAndMetadata(6)));
        assertThat(batches.inFlight()).isZero();
        assertThat(answered).hasValue(2);
    }

    @Test
    void aRefusedReplyRewindsToTheEarliestOffsetOfItsBatchAndEveryLaterOne() {
        AnsweredBatches batches = new AnsweredBatches(4);
        batches.add(batch(P0, 10, 11));
        batches.add(batch(P0, 12, 12));
        batches.add(batch(P1, 7, 8));
        broker.completeNext();
        broker.completeNext();
        broker.errorNext(new NotEnoughReplicasException("ISR below min.insync.replicas"));
        broker.completeNext();

        Optional<AnsweredBatches.Refused> refused = batches.settle(true, committed::add);

        assertThat(committed).containsExactly(Map.of(P0, new OffsetAndMetadata(12)));
        assertThat(refused).isPresent();
        assertThat(refused.get().rewindTo()).isEqualTo(Map.of(P0, 12L, P1, 7L));
        assertThat(refused.get().cause()).hasCauseInstanceOf(NotEnoughReplicasException.class);
        assertThat(batches.inFlight()).as("the refused batch and the later ones are read again").isZero();
        assertThat(answered).hasValue(1);
    }

    @Test
    void beyondTheLimitTheOldestBatchIsAwaited() throws Exception {
        AnsweredBatches batches = new AnsweredBatches(1);
        batches.add(batch(P0, 1, 1));
        batches.add(batch(P0, 2, 2));

        // Settling returns only once the oldest is in, whenever the broker answers; within the limit it would not
        // wait and would commit nothing.
        CompletableFuture<Optional<AnsweredBatches.Refused>> settling = CompletableFuture.supplyAsync(() ->
                batches.settle(false, committed::add));
        broker.completeNext();
        assertThat(settling.get()).isEmpty();

        assertThat(committed).containsExactly(Map.of(P0, new OffsetAndMetadata(2)));
        assertThat(batches.inFlight()).isEqualTo(1);
    }

    /** A batch of one partition's offsets {@code from..to}, one reply each, sent now. */
    private AnsweredBatches.Batch batch(TopicPartition partition, long from, long to) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        for (long offset = from; offset <= to; offset++) {
            ConsumerRecord<String, byte[]> command = new ConsumerRecord<>(partition.topic(), partition.partition(),
                    offset, "k", "{}".getBytes(StandardCharsets.UTF_8));
            records.add(command);
            replies.reply(command, CommandResult.accepted("c-" + offset));
        }
        return AnsweredBatches.Batch.of(new ConsumerRecords<>(Map.of(partition, records)), replies.sent(),
                answered::incrementAndGet);
    }
}
