package io.lethe.app.it;

import io.lethe.api.Json;
import io.lethe.query.http.AccessPolicy;
import io.lethe.query.http.HttpApi;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document in the query-side jar against {@link AccessPolicy}'s table, without a server: the quick form
 * of {@code RestRolesIT}'s check against the routes Javalin registered (which also exercises every route).
 */
class OpenApiDocumentTest {

    @Test
    void theDocumentDescribesEveryRouteOfTheAccessPolicyWithItsRolesErrorCodesAndSchemas() throws Exception {
        var document = Json.mapper().readTree(getClass().getClassLoader()
                .getResourceAsStream("io/lethe/query/http/openapi.json"));
        List<HttpApi.Route> routes = new ArrayList<>(List.of(new HttpApi.Route("GET", "/health"),
                new HttpApi.Route("GET", "/metrics")));
        AccessPolicy.rules().keySet().forEach(key -> routes.add(new HttpApi.Route(key.substring(0, key.indexOf(' ')),
                key.substring(key.indexOf(' ') + 1))));

        assertThat(OpenApiCompleteness.check(document, routes)).isEmpty();
    }

    /** What RestRolesIT checks every JSON answer with: a body the document does not describe is found. */
    @Test
    void anAnswerOutsideItsSchemaIsFound() throws Exception {
        var schemas = new OpenApiResponseSchemas(Json.mapper().readTree(getClass().getClassLoader()
                .getResourceAsStream("io/lethe/query/http/openapi.json")));
        HttpApi.Route model = new HttpApi.Route("GET", "/api/models/{modelId}");

        assertThat(schemas.findings(model, 404, "{\"errorCode\":\"NOT_FOUND\",\"message\":\"model x not found\"}"))
                .isEmpty();
        assertThat(schemas.findings(model, 404, "{\"errorCode\":\"NO_SUCH_CODE\",\"message\":\"m\"}")).isNotEmpty();
        assertThat(schemas.findings(model, 401, "{\"message\":\"m\"}")).as("a shared answer").isNotEmpty();
        assertThat(schemas.findings(new HttpApi.Route("GET", "/api/models"), 200, "{}")).isNotEmpty();
    }
}
