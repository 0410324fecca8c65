package io.lethe.command.intake;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Batches whose effects are committed and whose replies are on their way to the broker, oldest first. The intake
 * handles the next batch while the replies of the last travel, instead of waiting for their acknowledgement in its
 * loop (a broker round trip per batch, about a third of the loop's time at 1,000 commands/s). What a crash or a
 * refused reply may lose is unchanged: a batch's offsets are committed only once its replies, and those of every
 * batch before it, are acknowledged; when one is refused, that batch and every later one are read again, and their
 * commands, recognised by id, are answered again.
 */
final class AnsweredBatches {

    /** A committed batch: where its partitions start and end, its replies, and what to count once they are in. */
    record Batch(Map<TopicPartition, Long> firstOffsets, Map<TopicPartition, OffsetAndMetadata> nextOffsets,
                 Replies.Sent replies, Runnable onAnswered) {

        static Batch of(ConsumerRecords<String, byte[]> records, Replies.Sent replies, Runnable onAnswered) {
            Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
            for (TopicPartition partition : records.partitions()) {
                List<ConsumerRecord<String, byte[]>> polled = records.records(partition);
                next.put(partition, new OffsetAndMetadata(polled.get(polled.size() - 1).offset() + 1));
            }
            return new Batch(AnsweredBatches.firstOffsets(records), Map.copyOf(next), replies, onAnswered);
        }
    }

    /** Each polled partition's first offset: where to read a batch again. */
    static Map<TopicPartition, Long> firstOffsets(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, Long> first = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            first.put(partition, records.records(partition).get(0).offset());
        }
        return Map.copyOf(first);
    }

    /** Replies refused by the broker: read every partition again from these offsets. */
    record Refused(Map<TopicPartition, Long> rewindTo, KafkaException cause) {
    }

    private final Deque<Batch> batches = new ArrayDeque<>();
    private final int limit;

    /** @param limit batches in flight beyond which {@link #settle} waits for the oldest */
    AnsweredBatches(int limit) {
        this.limit = limit;
    }

    void add(Batch batch) {
        batches.addLast(batch);
    }

    int inFlight() {
        return batches.size();
    }

    /**
     * Hands every batch whose replies, and whose predecessors' replies, are acknowledged to {@code commit}, oldest
     * first, and counts it answered. Waits for the oldest while more than the limit are in flight, or for all of them
     * if {@code all}.
     *
     * @return the offsets to read again from if a batch's replies were refused (every batch in flight is then dropped)
     */
    Optional<Refused> settle(boolean all, Consumer<Map<TopicPartition, OffsetAndMetadata>> commit) {
        while (!batches.isEmpty()) {
            Batch oldest = batches.peekFirst();
            if (!all && batches.size() <= limit && !oldest.replies().isDone()) {
                return Optional.empty();
            }
            try {
                oldest.replies().await();
            } catch (KafkaException e) {
                return Optional.of(new Refused(rewindOffsets(), e));
            }
            batches.removeFirst();
            oldest.onAnswered().run();
            commit.accept(oldest.nextOffsets());
        }
        return Optional.empty();
    }

    /** The earliest offset of every partition over the batches in flight, which are then forgotten. */
    private Map<TopicPartition, Long> rewindOffsets() {
        Map<TopicPartition, Long> rewind = new HashMap<>();
        for (Batch batch : batches) {
            batch.firstOffsets().forEach((partition, offset) -> rewind.merge(partition, offset, Math::min));
        }
        batches.clear();
        return rewind;
    }
}
