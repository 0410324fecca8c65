package io.lethe.query.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.lethe.api.ErrorCode;
import io.lethe.api.Json;
import io.lethe.api.LetheException;
import io.lethe.api.ids.SubjectId;
import io.lethe.query.subjects.SubjectKeyIssuer;

/**
 * {@code POST /api/subject-keys {subjectId}} (producers and admins, see {@link AccessPolicy}): the
 * subject's pseudonym and vault key, with which the producer library seals payloads before Kafka.
 * The answer holds a secret: it is never cached, and in production it travels over TLS only.
 */
final class SubjectKeyRoutes {

    static final String PATH = "/api/subject-keys";

    private SubjectKeyRoutes() {
    }

    static void register(Javalin app, SubjectKeyIssuer issuer) {
        app.post(PATH, ctx -> {
            SubjectKeyIssuer.IssuedKey key = issuer.issue(subjectId(ctx).value());
            ctx.header("Cache-Control", "no-store").json(key);
        });
    }

    private static SubjectId subjectId(Context ctx) {
        JsonNode body;
        try {
            body = Json.mapper().readTree(ctx.body());
        } catch (Exception e) {
            throw new LetheException(ErrorCode.BAD_REQUEST, "the body must be a JSON object {subjectId}");
        }
        if (body == null || !body.path("subjectId").isTextual()) {
            throw new LetheException(ErrorCode.BAD_REQUEST, "the body must be a JSON object {subjectId}");
        }
        return SubjectId.of(body.get("subjectId").asText());
    }
}
