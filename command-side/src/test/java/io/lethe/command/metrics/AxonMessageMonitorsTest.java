package io.lethe.command.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.monitoring.MessageMonitor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The cached monitors leave the registry as Axon's default-tag monitors do: the same meters, the same counts. */
class AxonMessageMonitorsTest {

    record Ingested(String id) {
    }

    record Forgotten(String id) {
    }

    @Test
    void everyComponentGetsAxonsMetersWithAxonsCounts() {
        List<Message<?>> events = List.of(GenericEventMessage.asEventMessage(new Ingested("a")),
                GenericEventMessage.asEventMessage(new Ingested("b")),
                GenericEventMessage.asEventMessage(new Forgotten("c")));
        List<Message<?>> commands = List.of(GenericCommandMessage.asCommandMessage(new Ingested("d")),
                GenericCommandMessage.asCommandMessage(new Forgotten("e")));
        MeterRegistry axons = new SimpleMeterRegistry();
        MeterRegistry ours = new SimpleMeterRegistry();
        GlobalMetricRegistry axon = new GlobalMetricRegistry(axons);
        AxonMessageMonitors cached = new AxonMessageMonitors(ours);

        feed(axon.registerComponentWithDefaultTags(TrackingEventProcessor.class, "lethe-kafka-publisher"), events);
        feed(cached.monitorFor(TrackingEventProcessor.class, "lethe-kafka-publisher"), events);
        feed(axon.registerComponentWithDefaultTags(EventBus.class, "eventStore"), events);
        feed(cached.monitorFor(EventBus.class, "eventStore"), events);
        feed(axon.registerComponentWithDefaultTags(CommandBus.class, "commandBus"), commands);
        feed(cached.monitorFor(CommandBus.class, "commandBus"), commands);

        assertThat(counts(ours)).isNotEmpty().isEqualTo(counts(axons));
    }

    /** Each message twice, ending once in each outcome, so every counter and timer moves. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void feed(MessageMonitor<?> monitor, List<Message<?>> messages) {
        MessageMonitor raw = monitor;
        int n = 0;
        for (int round = 0; round < 2; round++) {
            for (Message<?> message : messages) {
                MessageMonitor.MonitorCallback callback = raw.onMessageIngested(message);
                switch (n++ % 3) {
                    case 0 -> callback.reportSuccess();
                    case 1 -> callback.reportFailure(new IllegalStateException("failed"));
                    default -> callback.reportIgnored();
                }
            }
        }
    }

    /** Every meter by its id (type, name, tags), with its count; gauges by their presence. */
    private static Map<String, Double> counts(MeterRegistry registry) {
        Map<String, Double> counts = new TreeMap<>();
        for (Meter meter : registry.getMeters()) {
            String id = meter.getId().getType() + " " + meter.getId().getName() + " " + meter.getId().getTags();
            double count = meter instanceof Counter c ? c.count() : meter instanceof Timer t ? t.count() : -1;
            counts.put(id, count);
        }
        return counts;
    }
}
