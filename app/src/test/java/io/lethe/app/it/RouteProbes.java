package io.lethe.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.query.http.HttpApi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Requests that try a route's error answers without changing anything: unknown ids, a version that is no number,
 * query parameters (those the OpenAPI document names) missing, malformed, negative, zero or huge, and bodies that
 * are not valid requests. None is a valid erasure request, token request or subject-key request, so nothing reaches
 * the shared topics or tables.
 */
final class RouteProbes {

    /** One request: the path with its parameters filled in, the query string, the body (null: none). */
    record Probe(String method, String pathAndQuery, String body) {
    }

    private static final List<String> QUERY_VALUES = List.of("x", "-1", "0", "1", "100000000");

    private RouteProbes() {
    }

    static List<Probe> of(JsonNode document, HttpApi.Route route, String run) {
        JsonNode operation = document.path("paths").path(route.path()).path(route.method().toLowerCase(Locale.ROOT));
        List<String> queryNames = new ArrayList<>();
        operation.path("parameters").forEach(p -> {
            if (p.path("in").asText().equals("query")) {
                queryNames.add(p.path("name").asText());
            }
        });
        List<String> paths = List.of(fill(route.path(), "1", "none-" + run), fill(route.path(), "x", "none-" + run),
                fill(route.path(), "1", "commands"));
        List<String> bodies = operation.has("requestBody") ? bodies(route, run) : List.of("{}");
        List<Probe> probes = new ArrayList<>();
        for (String path : paths.stream().distinct().toList()) {
            probes.add(new Probe(route.method(), path, body(route, "{}")));
            for (String value : QUERY_VALUES) {
                probes.add(new Probe(route.method(), path + query(queryNames, i -> value), body(route, "{}")));
            }
            probes.add(new Probe(route.method(), path + query(queryNames, i -> Integer.toString(i)), body(route, "{}")));
            probes.add(new Probe(route.method(), path + query(queryNames, i -> Integer.toString(1 - i)),
                    body(route, "{}")));
        }
        for (String body : bodies) {
            probes.add(new Probe(route.method(), paths.get(0), body(route, body)));
        }
        return probes;
    }

    private static List<String> bodies(HttpApi.Route route, String run) {
        List<String> bodies = new ArrayList<>(List.of("", "not json", "[]", "{}", "{\"subjectId\":5}",
                "{\"subjectId\":\"a/b\",\"requestedBy\":\"probe\",\"name\":\"../x\",\"role\":\"root\"}",
                "{\"subjectId\":\"\",\"requestedBy\":\"probe\",\"name\":\"probe\",\"role\":\"\"}"));
        if (route.path().equals("/api/erasures")) {
            // Reaches receivedAt with a valid subject; the blank requestedBy refuses it in any case.
            bodies.add("{\"subjectId\":\"probe-" + run + "\",\"requestedBy\":\" \",\"receivedAt\":\"yesterday\"}");
        }
        return bodies;
    }

    private static String body(HttpApi.Route route, String body) {
        return route.method().equals("GET") || route.method().equals("DELETE") ? null : body;
    }

    /** Path parameters: {@code {version}} gets {@code version}, {@code {folder}} the third form's, the rest an id. */
    private static String fill(String path, String version, String other) {
        String filled = path.replace("{version}", version);
        if (other.equals("commands")) {
            return filled.replace("{folder}", "commands").replace("{name}", "Deploy.json")
                    .replaceAll("\\{[^}]+}", "none");
        }
        return filled.replaceAll("\\{[^}]+}", other);
    }

    private static String query(List<String> names, java.util.function.IntFunction<String> value) {
        if (names.isEmpty()) {
            return "";
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            params.put(names.get(i), value.apply(i));
        }
        return "?" + params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
    }
}
