package io.lethe.query.http;

import io.javalin.Javalin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /health}: UP only while every background part the API depends on runs. A query side whose
 * event consumer has stopped would still answer, from tables that no longer move; container health
 * checks must see that (503), not a constant UP.
 */
final class HealthRoute {

    private HealthRoute() {
    }

    /** What the endpoint answers: {@code {status, parts: {name: UP|DOWN}}}. */
    record Health(String status, Map<String, String> parts) {

        boolean up() {
            return "UP".equals(status);
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
        parts.forEach((name, alive) -> states.put(name, alive.getAsBoolean() ? "UP" : "DOWN"));
        return new Health(states.containsValue("DOWN") ? "DOWN" : "UP", states);
    }
}
