package io.lethe.query.http;

import io.javalin.Javalin;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The compliance dashboard: static files under {@code dashboard/} on the classpath, served at {@code /} and
 * {@code /dashboard/*}. Public on purpose: the page holds no data; it asks for the admin token and calls the API.
 */
public final class DashboardRoutes {

    private static final String ROOT = "/dashboard/";
    /** Flat names only: no directories, so no path can climb out of the dashboard folder. */
    private static final Pattern FILE_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml");

    private DashboardRoutes() {
    }

    /** Registers {@code /} (the dashboard page) and {@code /dashboard/{file}}. */
    public static void register(Javalin app) {
        app.get("/", ctx -> serve(ctx, "index.html"));
        app.get(ROOT + "{file}", ctx -> serve(ctx, ctx.pathParam("file")));
    }

    private static void serve(Context ctx, String file) {
        Optional<byte[]> body = FILE_NAME.matcher(file).matches() && !file.contains("..")
                ? load(file) : Optional.empty();
        if (body.isEmpty()) {
            throw HttpApi.notFound("dashboard file " + file);
        }
        ctx.header("Cache-Control", "no-cache")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline';"
                        + " img-src 'self' data:; frame-ancestors 'none'")
                .contentType(TYPES.getOrDefault(extension(file), "application/octet-stream"))
                .result(body.get());
    }

    static Optional<byte[]> load(String file) {
        try (InputStream in = DashboardRoutes.class.getResourceAsStream(ROOT + file)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String extension(String file) {
        int dot = file.lastIndexOf('.');
        return dot < 0 ? "" : file.substring(dot + 1);
    }
}
