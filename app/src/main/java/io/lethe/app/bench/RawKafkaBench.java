package io.lethe.app.bench;

import io.lethe.app.ServiceSettings;
import io.lethe.app.infra.Infrastructure;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/** The baseline for commands: the same number of records produced and consumed raw, on a scratch topic. */
final class RawKafkaBench {

    record Outcome(double perSecond, double p50Millis, double p99Millis) {
    }

    private final Infrastructure infrastructure;

    RawKafkaBench(Infrastructure infrastructure) {
        this.infrastructure = infrastructure;
    }

    /** Every record sent at once, then consumed: records per second and latencies from each send. */
    Outcome run(int records) throws Exception {
        return onScratchTopic((common, topic) -> produceAndConsume(common, topic, records));
    }

    /** Records offered at a fixed rate (see {@link OpenLoop}): latencies from each one's due time to its consumption. */
    Latencies runAtRate(int perSecond, int records) throws Exception {
        return onScratchTopic((common, topic) -> produceAndConsumeAtRate(common, topic, perSecond, records));
    }

    private interface OnTopic<T> {
        T run(Properties common, String topic) throws Exception;
    }

    private <T> T onScratchTopic(OnTopic<T> work) throws Exception {
        Properties common = new Properties();
        common.putAll(ServiceSettings.kafka(infrastructure, Map.of()));
        String topic = "lethe.bench." + UUID.randomUUID();
        try (AdminClient admin = AdminClient.create(common)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            try {
                return work.run(common, topic);
            } finally {
                admin.deleteTopics(List.of(topic)).all().get();
            }
        }
    }

    private static Latencies produceAndConsumeAtRate(Properties common, String topic, int perSecond, int records)
            throws InterruptedException {
        Latencies latencies = new Latencies();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(common, new StringDeserializer(),
                new ByteArrayDeserializer());
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(common),
                     new StringSerializer(), new ByteArraySerializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            consumer.position(partition);
            OpenLoop loop = new OpenLoop(System.nanoTime() + Duration.ofMillis(200).toNanos(), perSecond);
            Thread sender = new Thread(() -> {
                for (int i = 0; i < records; i++) {
                    loop.awaitDue(i);
                    producer.send(new ProducerRecord<>(topic, "k", ByteBuffer.allocate(300).putInt(i).array()));
                }
                producer.flush();
            }, "bench-raw-open-loop-sender");
            sender.start();
            int received = 0;
            long deadline = loop.dueAt(records) + Duration.ofMinutes(1).toNanos();
            while (received < records && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(2))) {
                    latencies.add(loop.millisSinceDue(ByteBuffer.wrap(r.value()).getInt()));
                    received++;
                }
            }
            sender.join();
            return latencies;
        }
    }

    private static Properties producerConfig(Properties common) {
        Properties producerConfig = new Properties();
        producerConfig.putAll(common);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return producerConfig;
    }

    private static Outcome produceAndConsume(Properties common, String topic, int records) {
        Properties producerConfig = producerConfig(common);
        Latencies latencies = new Latencies();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(common, new StringDeserializer(),
                new ByteArrayDeserializer());
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                     new ByteArraySerializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long start = System.nanoTime();
            for (int i = 0; i < records; i++) {
                byte[] value = ByteBuffer.allocate(300).putLong(System.nanoTime()).array();
                producer.send(new ProducerRecord<>(topic, "k", value));
            }
            producer.flush();
            int received = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (received < records && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    latencies.add((System.nanoTime() - ByteBuffer.wrap(r.value()).getLong()) / 1e6);
                    received++;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Outcome(received / seconds, latencies.percentile(50), latencies.percentile(99));
        }
    }
}
