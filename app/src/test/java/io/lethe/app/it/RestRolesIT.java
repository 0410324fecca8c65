package io.lethe.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import io.lethe.api.Json;
import io.lethe.api.schemas.ContractSchemas;
import io.lethe.app.LetheNode;
import io.lethe.app.ServiceSettings;
import io.lethe.app.infra.Infrastructure;
import io.lethe.app.infra.LetheInfrastructureExtension;
import io.lethe.query.http.AccessPolicy;
import io.lethe.query.http.HttpApi;
import io.lethe.query.http.Role;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every REST route against every kind of caller: no token, a producer's, an auditor's and the admin's.
 * The routes are the ones Javalin actually registered, so a route added without an {@link AccessPolicy}
 * entry fails here; the contract routes' roles are also pinned below, so the policy cannot drift unseen.
 */
@ExtendWith(LetheInfrastructureExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestRolesIT {

    private static final String ADMIN_TOKEN = "roles-it-admin-" + UUID.randomUUID();
    private static final Set<Role> ANYONE = EnumSet.allOf(Role.class);
    private static final Set<Role> AUDITORS = EnumSet.of(Role.AUDITOR, Role.ADMIN);
    private static final Set<Role> PRODUCERS = EnumSet.of(Role.PRODUCER, Role.ADMIN);
    private static final Set<Role> ADMINS = EnumSet.of(Role.ADMIN);

    /** The reviewed role table of the contract's routes; {@code null} = public. */
    private static final Map<String, Set<Role>> EXPECTED = expected();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private LetheNode node;
    private HikariDataSource db;
    private final Map<Role, String> tokens = new LinkedHashMap<>();

    private static Map<String, Set<Role>> expected() {
        Map<String, Set<Role>> table = new LinkedHashMap<>();
        for (String route : List.of("GET /api/openapi.json", "GET /api/asyncapi.yaml", "GET /api/schemas/{name}",
                "GET /api/schemas/{folder}/{name}", "GET /api/log/checkpoint", "GET /api/log/public-key",
                "GET /api/log/keys", "GET /api/log/entries", "GET /api/log/proof/inclusion",
                "GET /api/log/proof/consistency")) {
            table.put(route, null);
        }
        table.put("POST /api/log/checkpoint", ADMINS);
        table.put("GET /api/models", ANYONE);
        table.put("GET /api/models/{modelId}", ANYONE);
        table.put("GET /api/models/{modelId}/versions/{version}", ANYONE);
        table.put("GET /api/models/{modelId}/versions/{version}/membership", AUDITORS);
        table.put("GET /api/subjects/{subjectId}/exposure", AUDITORS);
        table.put("POST /api/erasures", PRODUCERS);
        table.put("GET /api/erasures", AUDITORS);
        table.put("GET /api/erasures/{erasureId}", ANYONE);
        table.put("GET /api/erasures/{erasureId}/certificate", ANYONE);
        table.put("GET /api/erasures/{erasureId}/certificate.html", ANYONE);
        table.put("GET /api/tokens", ADMINS);
        table.put("POST /api/tokens", ADMINS);
        table.put("DELETE /api/tokens/{name}", ADMINS);
        return table;
    }

    @BeforeAll
    void start(Infrastructure infra) throws Exception {
        node = LetheNode.start(infra, Map.of(), 0, ADMIN_TOKEN);
        db = ServiceSettings.dataSource(infra, "roles-it", 2);
        tokens.put(Role.ADMIN, ADMIN_TOKEN);
        tokens.put(Role.PRODUCER, issue("producer-" + run, "producer"));
        tokens.put(Role.AUDITOR, issue("auditor-" + run, "auditor"));
    }

    @AfterAll
    void stop() {
        if (db != null) {
            db.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void everyRegisteredApiRouteHasAnAccessRule() {
        List<String> missing = apiRoutes().stream()
                .filter(r -> AccessPolicy.entryFor(r.method(), r.path()).isEmpty())
                .map(r -> r.method() + " " + r.path()).toList();

        assertThat(apiRoutes()).as("registered /api routes").hasSizeGreaterThanOrEqualTo(EXPECTED.size() - 3);
        assertThat(missing).as("routes without an AccessPolicy entry (add them to AccessPolicy and EXPECTED)")
                .isEmpty();
    }

    @Test
    void theContractRoutesHaveTheReviewedRoles() {
        SoftAssertions soft = new SoftAssertions();
        EXPECTED.forEach((route, roles) -> {
            AccessPolicy.Rule rule = AccessPolicy.rules().get(route);
            soft.assertThat(rule).as(route).isNotNull();
            if (rule != null) {
                soft.assertThat(rule.isPublic()).as(route + " public").isEqualTo(roles == null);
                soft.assertThat(rule.roles()).as(route + " roles").isEqualTo(roles == null ? Set.of() : roles);
            }
        });
        soft.assertAll();
    }

    @Test
    void everyRouteAnswers401WithoutATokenAnd403ForTheWrongRole() throws Exception {
        SoftAssertions soft = new SoftAssertions();
        for (HttpApi.Route route : node.querySide().httpRoutes()) {
            AccessPolicy.Rule rule = AccessPolicy.ruleFor(route.method(), route.path());
            String name = route.method() + " " + route.path();
            HttpResponse<String> anonymous = call(route, null);
            if (rule.isPublic()) {
                soft.assertThat(anonymous.statusCode()).as(name + " anonymous").isNotIn(401, 403).isLessThan(500);
            } else {
                expectError(soft, anonymous, 401, "UNAUTHENTICATED", name + " anonymous");
                expectError(soft, call(route, "not-a-token-" + run), 401, "UNAUTHENTICATED", name + " bad token");
            }
            for (Role role : Role.values()) {
                HttpResponse<String> response = call(route, tokens.get(role));
                if (rule.allows(role)) {
                    soft.assertThat(response.statusCode()).as(name + " as " + role + ": " + response.body())
                            .isNotIn(401, 403).isLessThan(500);
                } else {
                    expectError(soft, response, 403, "FORBIDDEN", name + " as " + role);
                }
            }
        }
        soft.assertAll();
    }

    @Test
    void theOpenApiDocumentListsEveryRouteWithItsRoles() throws Exception {
        HttpResponse<String> served = send(HttpRequest.newBuilder(uri("/api/openapi.json")).GET(), null);
        assertThat(served.statusCode()).isEqualTo(200);

        assertThat(OpenApiCompleteness.check(Json.mapper().readTree(served.body()), node.querySide().httpRoutes()))
                .as("the OpenAPI document (query-side openapi.json) against the registered routes").isEmpty();
    }

    /**
     * The document's error codes and answer schemas, proven by exercising: every answer each route gives to
     * {@link RouteProbes}' requests, anonymous, as a producer and as the admin, is listed for that route (status and
     * error code), and every JSON body matches the schema the document gives for it.
     */
    @Test
    void everyAnswerARouteGivesIsInTheOpenApiDocument() throws Exception {
        JsonNode document = Json.mapper().readTree(send(HttpRequest.newBuilder(uri("/api/openapi.json")).GET(), null)
                .body());
        OpenApiResponseSchemas schemas = new OpenApiResponseSchemas(document);
        SoftAssertions soft = new SoftAssertions();
        int answers = 0;
        int checkedBodies = 0;
        for (HttpApi.Route route : node.querySide().httpRoutes()) {
            if (!OpenApiCompleteness.isDescribed(route)) {
                continue;
            }
            for (RouteProbes.Probe probe : RouteProbes.of(document, route, run)) {
                for (String token : new String[] {null, tokens.get(Role.PRODUCER), ADMIN_TOKEN}) {
                    HttpResponse<String> answer = send(HttpRequest.newBuilder(uri(probe.pathAndQuery())).method(
                            probe.method(), probe.body() == null ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(probe.body())), token);
                    String code = answer.statusCode() >= 400 ? errorCode(answer) : null;
                    OpenApiCompleteness.undocumented(document, route, answer.statusCode(), code)
                            .ifPresent(finding -> soft.fail(finding + " to " + probe + ": " + answer.body()));
                    if (isJson(answer)) {
                        soft.assertThat(schemas.findings(route, answer.statusCode(), answer.body()))
                                .as("%s's %d answer to %s against its schema: %s", route.path(),
                                        answer.statusCode(), probe, answer.body()).isEmpty();
                        checkedBodies++;
                    }
                    answers++;
                }
            }
        }
        assertThat(answers).as("answers checked").isGreaterThan(500);
        assertThat(checkedBodies).as("JSON bodies checked against their schemas").isGreaterThan(answers / 2);
        soft.assertAll();
    }

    /** The Kafka contract as served: the jar's bytes, and the reference parser resolves it against this server. */
    @Test
    void theServedAsyncApiDocumentParsesWithItsSchemasFetchedFromTheServer() throws Exception {
        HttpResponse<String> document = send(HttpRequest.newBuilder(uri("/api/asyncapi.yaml")).GET(), null);
        assertThat(document.body()).isEqualTo(new String(ContractSchemas.asyncApi(), StandardCharsets.UTF_8));
        for (String name : ContractSchemas.all()) {
            HttpResponse<String> schema = send(HttpRequest.newBuilder(uri("/api/schemas/" + name)).GET(), null);
            assertThat(schema.body()).as(name)
                    .isEqualTo(new String(ContractSchemas.read(name).orElseThrow(), StandardCharsets.UTF_8));
        }

        AsyncApiParserTest.assertParses(uri("/api/asyncapi.yaml").toString());
    }

    @Test
    void healthAndTheDashboardArePublic() throws Exception {
        HttpResponse<String> health = send(HttpRequest.newBuilder(uri("/health")).GET(), null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"eventConsumer\":\"UP\"", "\"commandIntake\":\"UP\"",
                "\"jobConsumer\":\"UP\"");
        assertThat(send(HttpRequest.newBuilder(uri("/")).GET(), null).statusCode()).isNotIn(401, 403);
    }

    @Test
    void aTokenIsShownOnceStoredOnlyHashedAndDeadOnceRevoked() throws Exception {
        String name = "temp-" + run;
        String token = issue(name, "auditor");
        HttpRequest.Builder models = HttpRequest.newBuilder(uri("/api/models")).GET();
        assertThat(send(models, token).statusCode()).isEqualTo(200);

        HttpResponse<String> listed = send(HttpRequest.newBuilder(uri("/api/tokens")).GET(), ADMIN_TOKEN);
        assertThat(listed.body()).contains(name).doesNotContain(token);
        assertThat(storedTokenColumns()).doesNotContain(token);
        HttpResponse<String> again = post("/api/tokens", "{\"name\":\"" + name + "\",\"role\":\"admin\"}", ADMIN_TOKEN);
        expectError(again, 400, "BAD_REQUEST");

        HttpResponse<String> revoked = send(HttpRequest.newBuilder(uri("/api/tokens/" + name)).DELETE(), ADMIN_TOKEN);
        assertThat(revoked.statusCode()).isEqualTo(204);
        expectError(send(models, token), 401, "UNAUTHENTICATED");
        expectError(send(HttpRequest.newBuilder(uri("/api/tokens/" + name)).DELETE(), ADMIN_TOKEN), 404, "NOT_FOUND");
        assertThat(issue(name, "producer")).as("a revoked name may be issued again").isNotEqualTo(token);
    }

    @Test
    void tokenRequestsWithABadNameOrRoleAreBadRequests() throws Exception {
        for (String body : List.of("{\"name\":\"x\",\"role\":\"root\"}", "{\"name\":\"../x\",\"role\":\"auditor\"}",
                "{\"role\":\"auditor\"}", "[]", "not json")) {
            expectError(post("/api/tokens", body, ADMIN_TOKEN), 400, "BAD_REQUEST");
        }
    }

    private List<HttpApi.Route> apiRoutes() {
        return node.querySide().httpRoutes().stream().filter(r -> r.path().startsWith("/api/")).toList();
    }

    private String issue(String name, String role) throws Exception {
        HttpResponse<String> response = post("/api/tokens", "{\"name\":\"" + name + "\",\"role\":\"" + role + "\"}",
                ADMIN_TOKEN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode issued = Json.mapper().readTree(response.body());
        assertThat(issued.get("role").asText()).isEqualTo(role);
        return issued.get("token").asText();
    }

    /** Every column of the token table as text: the token itself must not be among them. */
    private String storedTokenColumns() throws Exception {
        StringBuilder all = new StringBuilder();
        try (Connection c = db.getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT * FROM query.access_tokens")) {
            while (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    all.append(rs.getString(i)).append(' ');
                    byte[] bytes = rs.getBytes(i);
                    all.append(bytes == null ? "" : new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1));
                }
            }
        }
        return all.toString();
    }

    private HttpResponse<String> call(HttpApi.Route route, String token) throws Exception {
        String path = route.path().replaceAll("\\{version}", "1").replaceAll("\\{[^}]+}", "none-" + run)
                .replaceAll("<[^>]+>", "none-" + run);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .method(route.method(), route.method().equals("GET") || route.method().equals("DELETE")
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"));
        return send(request, token);
    }

    private HttpResponse<String> post(String path, String body, String token) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)), token);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String token) throws Exception {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + node.httpPort() + path);
    }

    private static void expectError(SoftAssertions soft, HttpResponse<String> response, int status, String code,
                                    String what) {
        soft.assertThat(response.statusCode()).as(what + ": " + response.body()).isEqualTo(status);
        soft.assertThat(errorCode(response)).as(what).isEqualTo(code);
    }

    private static void expectError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(errorCode(response)).isEqualTo(code);
    }

    private static boolean isJson(HttpResponse<String> response) {
        return response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")
                && !response.body().isEmpty();
    }

    private static String errorCode(HttpResponse<String> response) {
        try {
            return Json.mapper().readTree(response.body()).path("errorCode").asText(null);
        } catch (Exception e) {
            return "not JSON: " + response.body();
        }
    }
}
