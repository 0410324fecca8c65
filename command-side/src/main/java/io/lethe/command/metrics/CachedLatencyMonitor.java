package io.lethe.command.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitorCallback;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Axon's {@code EventProcessorLatencyMonitor} ({@code <prefix>.latency}: milliseconds from the last ingested event's
 * timestamp to its ingestion), for one processor's fixed tags: the gauge is registered once instead of built again
 * for every event.
 */
final class CachedLatencyMonitor implements MessageMonitor<EventMessage<?>> {

    private final AtomicLong latencyMillis = new AtomicLong();
    private final Clock clock = Clock.SYSTEM;

    CachedLatencyMonitor(String prefix, MeterRegistry registry, Tags tags) {
        Gauge.builder(prefix + ".latency", latencyMillis::get).tags(tags).register(registry);
    }

    @Override
    public MonitorCallback onMessageIngested(EventMessage<?> message) {
        if (message == null) {
            return NoOpMessageMonitorCallback.INSTANCE;
        }
        latencyMillis.set(clock.wallTime() - message.getTimestamp().toEpochMilli());
        return NoOpMessageMonitorCallback.INSTANCE;
    }
}
