package io.lethe.command.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The counters of Axon's {@code MessageCountingMonitor} ({@code <prefix>.ingestedCounter}, {@code .successCounter},
 * {@code .failureCounter}, {@code .processedCounter}, {@code .ignoredCounter}), looked up once per payload type.
 */
final class CachedCountingMonitor implements MessageMonitor<Message<?>> {

    private record Counters(Counter ingested, Counter success, Counter failure, Counter processed, Counter ignored) {
    }

    private final String prefix;
    private final MeterRegistry registry;
    private final Function<Class<?>, Tags> tagsOfPayloadType;
    private final Map<Class<?>, Counters> byPayloadType = new ConcurrentHashMap<>();

    CachedCountingMonitor(String prefix, MeterRegistry registry, Function<Class<?>, Tags> tagsOfPayloadType) {
        this.prefix = prefix;
        this.registry = registry;
        this.tagsOfPayloadType = tagsOfPayloadType;
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        Counters counters = byPayloadType.computeIfAbsent(message.getPayloadType(), this::register);
        counters.ingested().increment();
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                counters.processed().increment();
                counters.success().increment();
            }

            @Override
            public void reportFailure(Throwable cause) {
                counters.processed().increment();
                counters.failure().increment();
            }

            @Override
            public void reportIgnored() {
                counters.ignored().increment();
            }
        };
    }

    private Counters register(Class<?> payloadType) {
        Tags tags = tagsOfPayloadType.apply(payloadType);
        return new Counters(counter("ingestedCounter", tags), counter("successCounter", tags),
                counter("failureCounter", tags), counter("processedCounter", tags), counter("ignoredCounter", tags));
    }

    private Counter counter(String name, Tags tags) {
        return registry.counter(prefix + "." + name, tags);
    }
}
