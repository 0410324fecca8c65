package io.lethe.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.query.http.AccessPolicy;
import io.lethe.query.http.HttpApi;
import io.lethe.query.http.Role;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the served OpenAPI document gets wrong about the registered routes: a route it lacks, an operation for no
 * route, roles ({@code x-lethe-roles}) other than {@link AccessPolicy}'s, a protected route without its 401 and
 * 403 answers or a public one that asks for a token, an operation with no success answer, a dangling schema
 * reference. The dashboard's static files are not API routes and are left out.
 */
final class OpenApiCompleteness {

    private final JsonNode document;
    private final List<String> findings = new ArrayList<>();

    private OpenApiCompleteness(JsonNode document) {
        this.document = document;
    }

    /** @return one line per finding; empty when the document describes exactly the routes, with their roles */
    static List<String> check(JsonNode document, List<HttpApi.Route> routes) {
        OpenApiCompleteness check = new OpenApiCompleteness(document);
        Set<String> described = new HashSet<>();
        for (HttpApi.Route route : routes) {
            if (route.path().startsWith("/api/") || route.path().equals("/health") || route.path().equals("/metrics")) {
                described.add(route.method() + " " + route.path());
                check.route(route);
            }
        }
        check.noExtraOperations(described);
        check.referencesResolve(document);
        return check.findings;
    }

    private void route(HttpApi.Route route) {
        String name = route.method() + " " + route.path();
        JsonNode operation = document.path("paths").path(route.path()).path(route.method().toLowerCase(Locale.ROOT));
        if (operation.isMissingNode()) {
            findings.add(name + " is not in the document");
            return;
        }
        AccessPolicy.Rule rule = AccessPolicy.ruleFor(route.method(), route.path());
        List<String> roles = new ArrayList<>();
        operation.path("x-lethe-roles").forEach(role -> roles.add(role.asText()));
        if (!roles.equals(expectedRoles(rule))) {
            findings.add(name + ": x-lethe-roles " + roles + ", AccessPolicy says " + expectedRoles(rule));
        }
        JsonNode responses = operation.path("responses");
        if (rule.isPublic() && !(operation.path("security").isArray() && operation.path("security").isEmpty())) {
            findings.add(name + " is public but the document asks for a token (security must be [])");
        }
        if (!rule.isPublic() && (!responses.has("401") || !responses.has("403"))) {
            findings.add(name + " needs a token but lacks its 401 or 403 answer");
        }
        if (!hasSuccess(responses)) {
            findings.add(name + " has no 2xx answer");
        }
    }

    private static List<String> expectedRoles(AccessPolicy.Rule rule) {
        if (rule.isPublic()) {
            return List.of("public");
        }
        List<String> roles = new ArrayList<>();
        for (Role role : Role.values()) {
            if (rule.roles().contains(role)) {
                roles.add(role.wireName());
            }
        }
        return roles;
    }

    private static boolean hasSuccess(JsonNode responses) {
        for (Iterator<String> it = responses.fieldNames(); it.hasNext(); ) {
            if (it.next().startsWith("2")) {
                return true;
            }
        }
        return false;
    }

    private void noExtraOperations(Set<String> described) {
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(
                method -> {
                    String name = method.toUpperCase(Locale.ROOT) + " " + path.getKey();
                    if (!described.contains(name)) {
                        findings.add(name + " is in the document but no such route is registered");
                    }
                }));
    }

    private void referencesResolve(JsonNode node) {
        JsonNode ref = node.get("$ref");
        if (ref != null && ref.isTextual()) {
            String pointer = ref.asText().substring(1);
            if (!ref.asText().startsWith("#/") || document.at(pointer).isMissingNode()) {
                findings.add("dangling reference " + ref.asText());
            }
        }
        node.elements().forEachRemaining(this::referencesResolve);
    }
}
