package io.lethe.command.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.reservoir.SlidingTimeWindowReservoir;
import org.axonframework.monitoring.MessageMonitor;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Axon's {@code CapacityMonitor} ({@code <prefix>.capacity}: the handling time within the last ten minutes over ten
 * minutes), with its gauge and time window set up once per payload type instead of looked up for every message.
 */
final class CachedCapacityMonitor implements MessageMonitor<Message<?>> {

    private static final long WINDOW_MINUTES = 10;

    private final String prefix;
    private final MeterRegistry registry;
    private final Function<Class<?>, Tags> tagsOfPayloadType;
    private final Map<Class<?>, SlidingTimeWindowReservoir> byPayloadType = new ConcurrentHashMap<>();
    private final Clock clock = Clock.SYSTEM;

    CachedCapacityMonitor(String prefix, MeterRegistry registry, Function<Class<?>, Tags> tagsOfPayloadType) {
        this.prefix = prefix;
        this.registry = registry;
        this.tagsOfPayloadType = tagsOfPayloadType;
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        SlidingTimeWindowReservoir durations = byPayloadType.computeIfAbsent(message.getPayloadType(), this::register);
        long start = clock.monotonicTime();
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                durations.update(clock.monotonicTime() - start);
            }

            @Override
            public void reportFailure(Throwable cause) {
                durations.update(clock.monotonicTime() - start);
            }

            @Override
            public void reportIgnored() {
                durations.update(clock.monotonicTime() - start);
            }
        };
    }

    /** The gauge holds this monitor, as Axon's does, so it lives as long as the component it watches. */
    private SlidingTimeWindowReservoir register(Class<?> payloadType) {
        SlidingTimeWindowReservoir durations = new SlidingTimeWindowReservoir(WINDOW_MINUTES, TimeUnit.MINUTES, clock);
        registry.gauge(prefix + ".capacity", tagsOfPayloadType.apply(payloadType), this,
                monitor -> capacity(durations));
        return durations;
    }

    private static double capacity(SlidingTimeWindowReservoir durations) {
        long busyNanos = durations.getMeasurements().stream().reduce(0L, Long::sum);
        return (double) busyNanos / TimeUnit.MINUTES.toNanos(WINDOW_MINUTES);
    }
}
