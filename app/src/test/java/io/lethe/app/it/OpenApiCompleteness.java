package io.lethe.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.api.ErrorCode;
import io.lethe.query.http.AccessPolicy;
import io.lethe.query.http.HttpApi;
import io.lethe.query.http.Role;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What the served OpenAPI document gets wrong about the registered routes: a route it lacks, an operation for no
 * route, roles ({@code x-lethe-roles}) other than {@link AccessPolicy}'s, a protected route without its 401 and
 * 403 answers or a public one that asks for a token, an operation with no success answer or one without a schema,
 * an error answer that does not list its codes ({@code x-lethe-error-codes}) or lists one that {@link HttpApi}
 * answers with another status, an operation without its 500, a dangling schema reference. The dashboard's static
 * files are not API routes and are left out. {@link #undocumented} checks an answer a route actually gave.
 */
final class OpenApiCompleteness {

    private static final String ERROR_SCHEMA = "#/components/schemas/Error";

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
            if (isDescribed(route)) {
                described.add(route.method() + " " + route.path());
                check.route(route);
            }
        }
        check.noExtraOperations(described);
        check.referencesResolve(document);
        check.errorSchemaNamesEveryCode();
        return check.findings;
    }

    /** Routes the document must describe: the API, {@code /health} and {@code /metrics} (not the dashboard's files). */
    static boolean isDescribed(HttpApi.Route route) {
        return route.path().startsWith("/api/") || route.path().equals("/health") || route.path().equals("/metrics");
    }

    /**
     * @return why an answer the route gave is not in the document: its status is not listed, or (an error) its code
     *         is not among that status's {@code x-lethe-error-codes}
     */
    static Optional<String> undocumented(JsonNode document, HttpApi.Route route, int status, String errorCode) {
        OpenApiCompleteness check = new OpenApiCompleteness(document);
        String name = route.method() + " " + route.path();
        JsonNode response = check.resolve(check.operation(route).path("responses").path(Integer.toString(status)));
        if (response.isMissingNode()) {
            return Optional.of(name + " answered " + status + " (" + errorCode + "), which the document does not list");
        }
        if (status >= 400 && check.isError(response) && !check.codes(response).contains(errorCode)) {
            return Optional.of(name + " answered " + status + " " + errorCode + ", not among its x-lethe-error-codes "
                    + check.codes(response));
        }
        return Optional.empty();
    }

    private JsonNode operation(HttpApi.Route route) {
        return document.path("paths").path(route.path()).path(route.method().toLowerCase(Locale.ROOT));
    }

    private void route(HttpApi.Route route) {
        String name = route.method() + " " + route.path();
        JsonNode operation = operation(route);
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
        if (!rule.isPublic()) {
            requireCodes(name, responses, "401", ErrorCode.UNAUTHENTICATED);
            requireCodes(name, responses, "403", ErrorCode.FORBIDDEN);
        }
        requireCodes(name, responses, "500", ErrorCode.INTERNAL_ERROR);
        if (!hasSuccess(responses)) {
            findings.add(name + " has no 2xx answer");
        }
        responses.fields().forEachRemaining(answer -> answer(name, answer.getKey(), resolve(answer.getValue())));
        JsonNode body = operation.path("requestBody");
        if (!body.isMissingNode() && !hasSchemas(body)) {
            findings.add(name + ": its request body has no schema");
        }
    }

    /** A success answer with a body has a schema; an error answer lists its codes, each answered with this status. */
    private void answer(String name, String status, JsonNode response) {
        if (status.startsWith("2") && !status.equals("204") && !hasSchemas(response)) {
            findings.add(name + ": its " + status + " answer has no schema");
        }
        if (!isError(response)) {
            return;
        }
        List<String> codes = codes(response);
        if (codes.isEmpty()) {
            findings.add(name + ": its " + status + " answer lists no x-lethe-error-codes");
        }
        for (String code : codes) {
            Optional<ErrorCode> known = Arrays.stream(ErrorCode.values()).filter(c -> c.name().equals(code)).findFirst();
            if (known.isEmpty()) {
                findings.add(name + ": " + code + " under " + status + " is no ErrorCode");
            } else if (!Integer.toString(HttpApi.httpStatusOf(known.get())).equals(status)) {
                findings.add(name + ": " + code + " is listed under " + status + " but answered with "
                        + HttpApi.httpStatusOf(known.get()));
            }
        }
    }

    private void requireCodes(String name, JsonNode responses, String status, ErrorCode code) {
        if (!codes(resolve(responses.path(status))).contains(code.name())) {
            findings.add(name + " lacks its " + status + " answer listing " + code);
        }
    }

    private List<String> codes(JsonNode response) {
        List<String> codes = new ArrayList<>();
        response.path("x-lethe-error-codes").forEach(code -> codes.add(code.asText()));
        return codes;
    }

    /** An answer whose JSON body is an {@code Error}. */
    private boolean isError(JsonNode response) {
        return ERROR_SCHEMA.equals(response.path("content").path("application/json").path("schema").path("$ref")
                .asText());
    }

    private static boolean hasSchemas(JsonNode withContent) {
        JsonNode content = withContent.path("content");
        if (content.isEmpty()) {
            return false;
        }
        for (JsonNode media : content) {
            if (media.path("schema").isMissingNode()) {
                return false;
            }
        }
        return true;
    }

    /** The response itself, or the one its {@code $ref} names. */
    private JsonNode resolve(JsonNode response) {
        JsonNode ref = response.get("$ref");
        return ref != null && ref.asText().startsWith("#/") ? document.at(ref.asText().substring(1)) : response;
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

    private void errorSchemaNamesEveryCode() {
        List<String> listed = new ArrayList<>();
        document.at("/components/schemas/Error/properties/errorCode/enum").forEach(code -> listed.add(code.asText()));
        List<String> codes = Arrays.stream(ErrorCode.values()).map(Enum::name).toList();
        if (!listed.equals(codes)) {
            findings.add("the Error schema's errorCode enum " + listed + " is not ErrorCode's " + codes);
        }
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
