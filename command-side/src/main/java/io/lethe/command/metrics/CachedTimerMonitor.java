package io.lethe.command.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The timers of Axon's {@code MessageTimerMonitor} ({@code <prefix>.allTimer}, {@code .successTimer},
 * {@code .failureTimer}, {@code .ignoredTimer}, with its percentiles and ten-minute expiry), registered once per
 * payload type and then reused.
 */
final class CachedTimerMonitor implements MessageMonitor<Message<?>> {

    private record Timers(Timer all, Timer success, Timer failure, Timer ignored) {
    }

    private final String prefix;
    private final MeterRegistry registry;
    private final Function<Class<?>, Tags> tagsOfPayloadType;
    private final Map<Class<?>, Timers> byPayloadType = new ConcurrentHashMap<>();
    private final Clock clock = Clock.SYSTEM;

    CachedTimerMonitor(String prefix, MeterRegistry registry, Function<Class<?>, Tags> tagsOfPayloadType) {
        this.prefix = prefix;
        this.registry = registry;
        this.tagsOfPayloadType = tagsOfPayloadType;
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        Timers timers = byPayloadType.computeIfAbsent(message.getPayloadType(), this::register);
        long start = clock.monotonicTime();
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                record(timers.success());
            }

            @Override
            public void reportFailure(Throwable cause) {
                record(timers.failure());
            }

            @Override
            public void reportIgnored() {
                record(timers.ignored());
            }

            private void record(Timer outcome) {
                long nanos = clock.monotonicTime() - start;
                timers.all().record(nanos, TimeUnit.NANOSECONDS);
                outcome.record(nanos, TimeUnit.NANOSECONDS);
            }
        };
    }

    private Timers register(Class<?> payloadType) {
        Tags tags = tagsOfPayloadType.apply(payloadType);
        return new Timers(timer("allTimer", tags), timer("successTimer", tags), timer("failureTimer", tags),
                timer("ignoredTimer", tags));
    }

    /** As {@code MessageTimerMonitor.buildTimer} builds it. */
    private Timer timer(String name, Tags tags) {
        return Timer.builder(prefix + "." + name)
                .distributionStatisticExpiry(Duration.ofMinutes(10))
                .publishPercentiles(0.5, 0.75, 0.95, 0.98, 0.99, 0.999)
                .tags(tags)
                .register(registry);
    }
}
