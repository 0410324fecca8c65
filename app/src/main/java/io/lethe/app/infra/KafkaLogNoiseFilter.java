package io.lethe.app.infra;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Map;
import org.slf4j.Marker;

/**
 * Drops the few WARN lines an embedded Kafka broker prints on every healthy start and stop, so
 * that a WARN in Lethe's console still means something. Everything else from those loggers
 * passes. Registered in {@code logback.xml} as a {@code turboFilter}.
 */
public final class KafkaLogNoiseFilter extends TurboFilter {

    // logger name -> fragment of the message template. Kafka's LogContext prefixes templates with
    // "[QuorumController id=1] " and the like, hence "contains" rather than "startsWith".
    private static final Map<String, String> ROUTINE = Map.of(
            // Logged at WARN by design on each controller activation, including a clean restart.
            "org.apache.kafka.controller.QuorumController", "Performing controller activation",
            // The broker closes its registration channel twice during a clean shutdown.
            "org.apache.kafka.clients.NetworkClient", "Attempting to close NetworkClient that has already been closed");

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (format == null || level != Level.WARN) {
            return FilterReply.NEUTRAL;
        }
        String fragment = ROUTINE.get(logger.getName());
        return fragment != null && format.contains(fragment) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
