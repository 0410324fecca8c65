package io.lethe.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.api.Json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Authenticated REST calls to the node under test, as a dashboard or a producer's tooling makes them. */
final class NodeApi {

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String token;

    NodeApi(int port, String token) {
        this.base = "http://127.0.0.1:" + port;
        this.token = token;
    }

    String base() {
        return base;
    }

    /** A request to {@code path} carrying the bearer token; the caller adds the method and body. */
    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token);
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> raw(String path) throws Exception {
        return send(request(path));
    }

    /** The JSON body, whatever the status (errors are JSON too). */
    JsonNode get(String path) throws Exception {
        return Json.mapper().readTree(raw(path).body());
    }

    /** Waits until the model's version is COMPLETED, failing at once should it fail, and returns its view. */
    JsonNode awaitVersion(String model, int version, Duration timeout) throws Exception {
        String path = "/api/models/" + model + "/versions/" + version;
        await().atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> {
            HttpResponse<String> response = raw(path);
            if (response.statusCode() != 200) {
                return false;
            }
            String status = Json.mapper().readTree(response.body()).path("status").asText();
            assertThat(status).as("version " + version).isNotEqualTo("FAILED");
            return "COMPLETED".equals(status);
        });
        return get(path);
    }
}
