package io.lethe.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import io.lethe.query.http.HttpApi;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The OpenAPI document's answer schemas as a validator (networknt's OpenAPI 3.0 dialect) reads them, so a body a
 * route gave can be checked against the schema the document gives for that route and status.
 */
final class OpenApiResponseSchemas {

    private static final String BASE = "https://lethe.local/api/openapi.json";

    private final JsonNode document;
    private final SchemaRegistry registry;

    OpenApiResponseSchemas(JsonNode document) {
        this.document = document;
        this.registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30(),
                builder -> builder.schemas(Map.of(BASE, document.toString())));
    }

    /** @return what the JSON body breaks in the route's schema for that status (empty when it has none) */
    List<String> findings(HttpApi.Route route, int status, String body) {
        String response = "/paths/" + escape(route.path()) + "/" + route.method().toLowerCase(Locale.ROOT)
                + "/responses/" + status;
        JsonNode ref = document.at(response).path("$ref");
        if (ref.isTextual()) {
            response = ref.asText().substring(1);
        }
        String pointer = response + "/content/application~1json/schema";
        if (document.at(pointer).isMissingNode()) {
            return List.of();
        }
        Schema schema = registry.getSchema(SchemaLocation.of(BASE + "#" + pointer));
        return schema.validate(body, InputFormat.JSON).stream().map(Error::toString).toList();
    }

    /** RFC 6901: {@code ~} and {@code /} in a reference token. */
    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
