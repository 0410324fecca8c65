package io.lethe.query.http;

import io.javalin.Javalin;
import io.lethe.api.schemas.ContractSchemas;

import java.util.Optional;

/**
 * The Kafka contract, public like the OpenAPI document: {@code GET /api/asyncapi.yaml} (AsyncAPI 3.0, every topic)
 * and {@code GET /api/schemas/...}, the JSON Schemas it refers to by relative paths, which therefore resolve against
 * this server as they do beside the document in the api jar. Only the schemas {@link ContractSchemas#all()} names
 * are served.
 */
final class ContractRoutes {

    static final String ASYNCAPI = "/api/asyncapi.yaml";
    static final String SCHEMA = "/api/schemas/{name}";
    static final String SCHEMA_IN_FOLDER = "/api/schemas/{folder}/{name}";

    private ContractRoutes() {
    }

    static void register(Javalin app) {
        byte[] asyncApi = ContractSchemas.asyncApi();
        app.get(ASYNCAPI, ctx -> ctx.contentType("application/yaml").result(asyncApi));
        app.get(SCHEMA, ctx -> ctx.contentType("application/schema+json").result(schema(ctx.pathParam("name"))
                .orElseThrow(() -> HttpApi.notFound("schema " + ctx.pathParam("name")))));
        app.get(SCHEMA_IN_FOLDER, ctx -> {
            String name = ctx.pathParam("folder") + "/" + ctx.pathParam("name");
            ctx.contentType("application/schema+json").result(schema(name)
                    .orElseThrow(() -> HttpApi.notFound("schema " + name)));
        });
    }

    /** A schema by its name under {@code /api/schemas/}; empty for a name the contract does not have. */
    static Optional<byte[]> schema(String name) {
        return ContractSchemas.read(name);
    }
}
