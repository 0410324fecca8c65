package io.lethe.producer;

import io.lethe.api.CommandResult;
import io.lethe.api.Json;
import io.lethe.api.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code lethe.command-results} from where it ended when the reader was made, so every reply to
 * a command sent afterwards is seen. No consumer group: nothing is committed, nothing is shared.
 */
final class ReplyReader implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, CommandResult> seen = new HashMap<>();

    ReplyReader(Map<String, Object> kafka) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.COMMAND_RESULTS, Duration.ofSeconds(30))
                .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    /** The first reply to {@code commandId}; a redelivered command may be answered twice, identically. */
    synchronized CommandResult await(String commandId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!seen.containsKey(commandId)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new ProducerException("TIMEOUT", "no reply to command " + commandId + " within " + timeout);
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofNanos(Math.min(left, 200_000_000L)))) {
                if (record.key() != null) {
                    seen.putIfAbsent(record.key(), read(record.value()));
                }
            }
        }
        return seen.remove(commandId);
    }

    private static CommandResult read(byte[] value) {
        try {
            return Json.mapper().readValue(value, CommandResult.class);
        } catch (IOException e) {
            return CommandResult.rejected(null, io.lethe.api.ErrorCode.INTERNAL_ERROR, "unreadable reply");
        }
    }

    @Override
    public synchronized void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
