package io.lethe.app.verify;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.api.Json;
import io.lethe.api.verify.NoteVerifier;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;

/** Fetches the log's public key from {@code GET <base>/api/log/public-key}. */
public final class PublicKeyClient {

    private PublicKeyClient() {
    }

    /** @return the key published by the query side at {@code baseUrl} */
    public static NoteVerifier fetch(String baseUrl) throws IOException, InterruptedException {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/log/public-key"))
                .timeout(Duration.ofSeconds(30)).GET().build();
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + request.uri() + " answered " + response.statusCode());
        }
        JsonNode key = Json.mapper().readTree(response.body());
        if (!"Ed25519".equals(key.path("algorithm").asText())) {
            throw new IOException("the log's key is not Ed25519: " + key.path("algorithm").asText());
        }
        return new NoteVerifier(key.path("keyName").asText(), Base64.getDecoder().decode(key.path("publicKey").asText()));
    }
}
