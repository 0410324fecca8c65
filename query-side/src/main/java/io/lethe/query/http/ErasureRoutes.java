package io.lethe.query.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.HttpStatus;
import io.lethe.api.ErasureIds;
import io.lethe.api.ErrorCode;
import io.lethe.api.Json;
import io.lethe.api.LetheException;
import io.lethe.api.commands.RequestErasureCommand;
import io.lethe.api.ids.SubjectId;
import io.lethe.crypto.ledger.LedgerSecret;
import io.lethe.query.erasures.CertificateHtml;
import io.lethe.query.erasures.CertificateIssuer;
import io.lethe.query.erasures.ErasureQueries;
import io.lethe.query.erasures.ErasureRequester;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;

/**
 * The erasure REST API: request one (202 with its id; a subject with an open erasure gets that one),
 * list the queue, follow one, and fetch its signed certificate as JSON or as a printable page.
 */
final class ErasureRoutes {

    private ErasureRoutes() {
    }

    /** What the erasure endpoints need. */
    record Services(ErasureQueries queries, CertificateIssuer certificates, ErasureRequester requester,
                    LedgerSecret secret) {
    }

    static void register(Javalin app, Services erasures) {
        app.post("/api/erasures", ctx -> {
            Request request = parse(ctx.body(), erasures);
            erasures.requester().request(request.commandId(), request.command());
            ctx.status(HttpStatus.ACCEPTED).json(Map.of("erasureId", request.erasureId()));
        });
        app.get("/api/erasures", ctx -> ctx.json(erasures.queries().all()));
        app.get("/api/erasures/{erasureId}", ctx -> ctx.json(erasures.queries().find(ctx.pathParam("erasureId"))
                .orElseThrow(() -> new LetheException(ErrorCode.NOT_FOUND,
                        "erasure " + ctx.pathParam("erasureId") + " not found (it may not be projected yet)"))));
        app.get("/api/erasures/{erasureId}/certificate", ctx -> {
            var certificate = erasures.certificates().certificate(ctx.pathParam("erasureId"));
            ctx.header("Content-Disposition", "attachment; filename=\"" + certificate.certificate().erasureId()
                    + "-certificate.json\"");
            ctx.json(certificate);
        });
        app.get("/api/erasures/{erasureId}/certificate.html", ctx -> ctx.contentType("text/html; charset=utf-8")
                .result(CertificateHtml.render(erasures.certificates().certificate(ctx.pathParam("erasureId")))));
    }

    /** The command to send, its id, and the erasure it opens or joins. */
    private record Request(String commandId, RequestErasureCommand command, String erasureId) {
    }

    /**
     * {@code {subjectId, requestedBy, receivedAt?}}. The command names the subject by pseudonym only, so the
     * raw id never reaches Kafka; the erasure id is the open erasure's, or the one the command side will
     * derive from the command id.
     */
    private static Request parse(String body, Services erasures) {
        JsonNode json;
        try {
            json = Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new LetheException(ErrorCode.MALFORMED_JSON, "the body is not JSON");
        }
        if (json == null || !json.isObject() || !json.path("subjectId").isTextual()
                || !json.path("requestedBy").isTextual()) {
            throw new LetheException(ErrorCode.MISSING_FIELD, "subjectId and requestedBy are required strings");
        }
        SubjectId subject = SubjectId.of(json.get("subjectId").asText());
        String pseudonym = erasures.secret().subjectPseudonym(subject.value());
        String commandId = "rest-" + UUID.randomUUID();
        String erasureId = erasures.queries().openErasureOf(pseudonym)
                .orElse(ErasureIds.derive(commandId, pseudonym));
        java.time.Instant receivedAt = json.hasNonNull("receivedAt") ? instant(json.get("receivedAt")) : null;
        return new Request(commandId, RequestErasureCommand.ofPseudonym(pseudonym, json.get("requestedBy").asText(),
                receivedAt), erasureId);
    }

    /** An RFC 3339 instant, or the caller's mistake (not our failure: a 500 would invite a retry). */
    private static java.time.Instant instant(JsonNode value) {
        try {
            return java.time.Instant.parse(value.asText());
        } catch (java.time.format.DateTimeParseException e) {
            throw new LetheException(ErrorCode.INVALID_FIELD,
                    "receivedAt must be an instant such as 2026-05-01T12:00:00Z");
        }
    }
}
