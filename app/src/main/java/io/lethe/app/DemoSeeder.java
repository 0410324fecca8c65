package io.lethe.app;

import io.lethe.api.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * {@code lethe up --demo}: the face scenario sent through Kafka like any producer would — ORL subjects
 * ingested, a model registered, its backbone trained, branches learned, a new subject adapted, a
 * version deployed, and one erasure. Command ids are fixed, so seeding again on the same data
 * directory changes nothing.
 */
public final class DemoSeeder {

    public static final String MODEL = "face-demo";
    private static final String SOURCE = "lethe-demo";

    private DemoSeeder() {
    }

    /**
     * Seeds in the background: the learning commands at once; the deployment and the erasure once the
     * adapted version is complete (a version can only be deployed when its job finished).
     */
    public static Thread seedInBackground(Map<String, Object> kafka, int httpPort, String token) {
        Thread thread = new Thread(() -> {
            try {
                send(kafka, learning());
                awaitVersion(httpPort, token, 3);
                send(kafka, deploymentAndErasure());
                System.out.println("demo: seeded; the erasure of demo-s8 completes in a few seconds");
            } catch (Exception e) {
                System.err.println("demo: seeding stopped: " + e.getMessage());
            }
        }, "lethe-demo-seeder");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void send(Map<String, Object> kafka, List<String[]> commands) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            for (String[] command : commands) {
                producer.send(StructuredCloudEvents.record(Topics.COMMANDS, command[0],
                        command[1].getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
    }

    /** Polls the local query side until the model's version is complete (ten minutes at most). */
    private static void awaitVersion(int httpPort, String token, int version) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/models/"
                + MODEL + "/versions/" + version)).header("Authorization", "Bearer " + token).build();
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200 && response.body().contains("\"status\":\"COMPLETED\"")) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("version " + version + " of " + MODEL + " did not complete in time");
    }

    /** Each entry is {key, CloudEvent JSON}; one model's commands share a key, so they stay in order. */
    static List<String[]> learning() {
        List<String[]> commands = new ArrayList<>();
        for (int subject = 1; subject <= 12; subject++) {
            commands.add(new String[] {MODEL, event("demo-ingest-" + subject, "lethe.IngestRecords",
                    "{\"dataset\":\"orl\",\"records\":[" + records(subject) + "]}")});
        }
        commands.add(command("demo-register", "lethe.RegisterModel", "{\"modelId\":\"" + MODEL + "\",\"task\":\"face\"}"));
        commands.add(command("demo-backbone", "lethe.TrainBackbone", "{\"modelId\":\"" + MODEL
                + "\",\"selector\":{\"dataset\":\"orl\",\"subjects\":" + subjects(1, 6) + "},\"seed\":7}"));
        commands.add(command("demo-learn", "lethe.Learn", "{\"modelId\":\"" + MODEL
                + "\",\"selector\":{\"dataset\":\"orl\",\"subjects\":" + subjects(7, 10) + "},\"slices\":2,\"rank\":8,"
                + "\"seed\":100}"));
        commands.add(command("demo-adapt", "lethe.Adapt", "{\"modelId\":\"" + MODEL
                + "\",\"selector\":{\"dataset\":\"orl\",\"subjects\":" + subjects(11, 11) + "},\"rank\":8,\"seed\":11}"));
        return commands;
    }

    static List<String[]> deploymentAndErasure() {
        return List.of(command("demo-deploy", "lethe.Deploy", "{\"modelId\":\"" + MODEL + "\",\"version\":3}"),
                new String[] {"demo-s8", event("demo-erasure", "lethe.RequestErasure", "{\"subjectId\":\"demo-s8\","
                        + "\"requestedBy\":\"dpo@demo.example\"}")});
    }

    private static String[] command(String id, String type, String data) {
        return new String[] {MODEL, event(id, type, data)};
    }

    private static String records(int subject) {
        return IntStream.rangeClosed(1, 10).mapToObj(i -> "{\"recordId\":\"demo-s" + subject + "-" + i
                + "\",\"subjectId\":\"demo-s" + subject + "\",\"label\":\"s" + subject + "\",\"source\":\"orl:s"
                + subject + "/" + i + ".pgm\"}").collect(Collectors.joining(","));
    }

    private static String subjects(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "\"demo-s" + i + "\"")
                .collect(Collectors.joining(",", "[", "]"));
    }

    private static String event(String id, String type, String data) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"" + SOURCE + "\",\"type\":\"" + type
                + "\",\"datacontenttype\":\"application/json\",\"data\":" + data + "}";
    }
}
