package io.lethe.app.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The one meter registry of a process: every service started in it (all three under {@code lethe up}) registers
 * its meters here, so one scrape shows all of them. Created here, in the wiring module, and handed to each
 * service's settings, never kept in a static: two nodes in one JVM (tests) keep apart.
 */
public final class ProcessMetrics {

    private ProcessMetrics() {
    }

    /** A Prometheus registry with the JVM's own meters (memory, threads, CPU, uptime) already bound. */
    public static PrometheusMeterRegistry newRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(MeterFilter.deny(ProcessMetrics::isLegacyKafkaTopicCopy));
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return registry;
    }

    /**
     * Kafka reports each per-topic metric twice: under the topic's name and again with its dots replaced by
     * underscores (its older metric names). Every Lethe topic has a dot, so a topic tag without one is the copy.
     */
    static boolean isLegacyKafkaTopicCopy(Meter.Id id) {
        String topic = id.getTag("topic");
        return id.getName().startsWith("kafka.") && topic != null && topic.indexOf('.') < 0 && topic.indexOf('_') >= 0;
    }
}
