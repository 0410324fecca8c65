package io.lethe.consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.consumer.Consumer;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A Kafka consumer's own metrics in a registry ({@code kafka_consumer_fetch_manager_records_lag{topic,partition}}
 * and the rest), tagged with its {@code group}. Kafka adds a partition's metrics only once the consumer fetches
 * from it, and Micrometer looks for new ones on a schedule: every 10 s here instead of its default minute, so a
 * freshly assigned partition's lag shows up within a scrape or two.
 */
public final class ConsumerMetrics implements AutoCloseable {

    private static final Duration REFRESH = Duration.ofSeconds(10);

    private final ScheduledExecutorService scheduler;
    private final KafkaClientMetrics metrics;

    private ConsumerMetrics(ScheduledExecutorService scheduler, KafkaClientMetrics metrics) {
        this.scheduler = scheduler;
        this.metrics = metrics;
    }

    /** Binds {@code consumer}'s metrics to {@code registry}; close before the consumer. */
    public static ConsumerMetrics bind(Consumer<?, ?> consumer, String group, MeterRegistry registry) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "lethe-kafka-metrics-" + group);
            thread.setDaemon(true);
            return thread;
        });
        KafkaClientMetrics metrics = new KafkaClientMetrics(consumer, Tags.of("group", group), scheduler, REFRESH);
        metrics.bindTo(registry);
        return new ConsumerMetrics(scheduler, metrics);
    }

    /** Removes the consumer's meters (a closed consumer has no lag) and stops the refresh. */
    @Override
    public void close() {
        metrics.close();
        scheduler.shutdownNow();
    }
}
