package io.lethe.app.verify;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.api.Json;
import io.lethe.verifier.NoteVerifier;
import io.lethe.verifier.TrustedKeys;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Fetches the log's key history from {@code GET <base>/api/log/keys}. */
public final class PublicKeyClient {

    private PublicKeyClient() {
    }

    /** @return every key the query side at {@code baseUrl} says the log has signed with */
    public static TrustedKeys fetch(String baseUrl) throws IOException, InterruptedException {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/log/keys"))
                .timeout(Duration.ofSeconds(30)).GET().build();
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + request.uri() + " answered " + response.statusCode());
        }
        List<NoteVerifier> keys = new ArrayList<>();
        for (JsonNode key : Json.mapper().readTree(response.body())) {
            if (!"Ed25519".equals(key.path("algorithm").asText())) {
                throw new IOException("a log key is not Ed25519: " + key.path("algorithm").asText());
            }
            keys.add(new NoteVerifier(key.path("keyName").asText(),
                    Base64.getDecoder().decode(key.path("publicKey").asText())));
        }
        if (keys.isEmpty()) {
            throw new IOException("GET " + request.uri() + " lists no key");
        }
        return new TrustedKeys(keys);
    }
}
