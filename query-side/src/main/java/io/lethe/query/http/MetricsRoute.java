package io.lethe.query.http;

import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * {@code GET /metrics}: the process's meters in the Prometheus text format. Public, like {@code /health}
 * (outside {@code /api}): its labels are bounded values such as command types, error codes, job kinds and
 * topics, never an id of a model, record or subject.
 */
final class MetricsRoute {

    /** The Prometheus text exposition format that {@link PrometheusMeterRegistry#scrape()} writes. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private MetricsRoute() {
    }

    static void register(Javalin app, PrometheusMeterRegistry registry) {
        app.get("/metrics", ctx -> ctx.contentType(CONTENT_TYPE).result(registry.scrape()));
    }
}
