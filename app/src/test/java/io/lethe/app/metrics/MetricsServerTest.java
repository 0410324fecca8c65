package io.lethe.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetricsServerTest {

    private final PrometheusMeterRegistry registry = ProcessMetrics.newRegistry();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesTheRegistryInThePrometheusTextFormat() throws Exception {
        Counter.builder("lethe.test.things").tag("kind", "a").register(registry).increment(3);
        try (MetricsServer server = MetricsServer.start(0, registry)) {
            HttpResponse<String> response = get(server, "/metrics");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue(MetricsServer.CONTENT_TYPE);
            assertThat(response.body()).contains("lethe_test_things_total{kind=\"a\"} 3.0")
                    .as("the JVM's own meters").contains("jvm_memory_used_bytes");
            assertThat(get(server, "/metrics/other").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void opensNoPortUnlessTheVariableNamesOne() {
        assertThat(MetricsServer.fromEnvironment(Map.of(), registry)).isEmpty();
        assertThat(MetricsServer.fromEnvironment(Map.of(MetricsServer.PORT_ENV, "off"), registry)).isEmpty();
        Optional<MetricsServer> server = MetricsServer.fromEnvironment(Map.of(MetricsServer.PORT_ENV, "0"), registry);
        assertThat(server).hasValueSatisfying(s -> assertThat(s.port()).isPositive());
        server.ifPresent(MetricsServer::close);
    }

    @Test
    void refusesAValueThatIsNotAPort() {
        assertThatThrownBy(() -> MetricsServer.fromEnvironment(Map.of(MetricsServer.PORT_ENV, "nine"), registry))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(MetricsServer.PORT_ENV);
        assertThatThrownBy(() -> MetricsServer.fromEnvironment(Map.of(MetricsServer.PORT_ENV, "70000"), registry))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private HttpResponse<String> get(MetricsServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
