package io.lethe.query.http;

import io.javalin.Javalin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Serves the hand-written OpenAPI 3 description of every query-side endpoint ({@code openapi.json} beside this class). */
final class OpenApiRoute {

    static final String PATH = "/api/openapi.json";

    private OpenApiRoute() {
    }

    static void register(Javalin app) {
        byte[] document = load();
        app.get(PATH, ctx -> ctx.contentType("application/json").result(document));
    }

    static byte[] load() {
        try (InputStream in = OpenApiRoute.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the query-side jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
