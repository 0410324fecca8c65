package io.lethe.producer;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.api.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Obtains subjects' pseudonyms and vault keys from the ledger: {@code POST /api/subject-keys {subjectId}}
 * with a producer token. Keys are cached in memory per subject; {@link #forget(String)} drops one, e.g.
 * after the ledger answered {@code UNKNOWN_SUBJECT_KEY} or {@code INVALID_SEAL} because an erasure shredded
 * it. Use an {@code https} URL in production: the answer carries the key.
 */
public final class SubjectKeyClient {

    private final URI endpoint;
    private final String token;
    private final HttpClient http;
    private final Map<String, SubjectKey> cache = new ConcurrentHashMap<>();

    /**
     * @param ledgerUrl the query side's base URL, e.g. {@code https://lethe.example.org}
     * @param token     a bearer token with the producer (or admin) role
     */
    public SubjectKeyClient(URI ledgerUrl, String token) {
        this.endpoint = ledgerUrl.resolve("/api/subject-keys");
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** The subject's pseudonym and key, from the cache or the ledger. */
    public SubjectKey keyOf(String subjectId) {
        return cache.computeIfAbsent(subjectId, this::fetch);
    }

    /** The subject's pseudonym: what commands carry instead of the raw id. */
    public String pseudonymOf(String subjectId) {
        return keyOf(subjectId).subjectPseudonym();
    }

    /** Drops a cached key, so the next use asks the ledger again. */
    public void forget(String subjectId) {
        cache.remove(subjectId);
    }

    private SubjectKey fetch(String subjectId) {
        String body = Json.mapper().createObjectNode().put("subjectId", subjectId).toString();
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ProducerException("TRANSPORT", "cannot reach the ledger at " + endpoint + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProducerException("INTERRUPTED", "interrupted while asking the ledger for a subject key");
        }
        JsonNode json = readJson(response.body());
        if (response.statusCode() != 200) {
            throw new ProducerException(json.path("errorCode").asText("HTTP_" + response.statusCode()),
                    "the ledger refused the subject key: " + json.path("message").asText(response.body()));
        }
        return new SubjectKey(json.path("subjectPseudonym").asText(),
                Base64.getDecoder().decode(json.path("key").asText()), json.path("keyId").asText());
    }

    private static JsonNode readJson(String body) {
        try {
            JsonNode json = Json.mapper().readTree(body);
            return json == null ? Json.mapper().createObjectNode() : json;
        } catch (IOException e) {
            return Json.mapper().createObjectNode();
        }
    }
}
