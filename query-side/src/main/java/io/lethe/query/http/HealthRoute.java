package io.lethe.query.http;

import io.javalin.Javalin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /health}: UP only while every background part the API depends on runs, DEGRADED when one runs
 * but has set work aside (dead letters). A query side whose
 * event consumer has stopped would still answer, from tables that no longer move; container health
 * checks must see that (503), not a constant UP.
 */
final class HealthRoute {

    private HealthRoute() {
    }

    /**
     * What the endpoint answers: {@code {status, parts: {name: UP|DEGRADED|DOWN}, reasons?: {name: why}}}.
     * DEGRADED still serves (200): a part runs but needs attention, such as events it dead-lettered.
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
    record Health(String status, Map<String, String> parts, Map<String, String> reasons) {

        boolean up() {
            return !"DOWN".equals(status);
        }
    }

    static void register(Javalin app, Map<String, BooleanSupplier> parts) {
        app.get("/health", ctx -> {
            Health health = check(parts);
            ctx.status(health.up() ? 200 : 503).json(health);
        });
    }

    static Health check(Map<String, BooleanSupplier> parts) {
        Map<String, String> states = new LinkedHashMap<>();
        Map<String, String> reasons = new LinkedHashMap<>();
        parts.forEach((name, part) -> {
            boolean alive = part.getAsBoolean();
            var degradation = alive && part instanceof DegradablePart degradable ? degradable.degradation()
                    : java.util.Optional.<String>empty();
            states.put(name, !alive ? "DOWN" : degradation.isPresent() ? "DEGRADED" : "UP");
            degradation.ifPresent(reason -> reasons.put(name, reason));
        });
        String status = states.containsValue("DOWN") ? "DOWN" : states.containsValue("DEGRADED") ? "DEGRADED" : "UP";
        return new Health(status, states, reasons);
    }
}
