package io.lethe.app.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a command's time goes: {@code lethe_pipeline_stage_seconds_sum{stage}} scraped from the node's
 * public {@code /metrics} before and after a run, the difference divided by the commands of the run. The
 * stages run on several threads at once (intake, publisher, query side), so they do not add up to the
 * wall time; each says how long a command keeps that stage busy.
 */
final class StageTimes {

    private static final Pattern SUM = Pattern.compile(
            "^lethe_pipeline_stage_seconds_sum\\{[^}]*stage=\"([^\"]+)\"[^}]*}\\s+(\\S+)", Pattern.MULTILINE);

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI metrics;

    StageTimes(URI metrics) {
        this.metrics = metrics;
    }

    /** Seconds spent so far, per stage. */
    Map<String, Double> scrape() throws IOException, InterruptedException {
        String text = http.send(HttpRequest.newBuilder(metrics).GET().build(), HttpResponse.BodyHandlers.ofString())
                .body();
        Map<String, Double> seconds = new TreeMap<>();
        Matcher m = SUM.matcher(text);
        while (m.find()) {
            seconds.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return seconds;
    }

    /** {@code stageMicrosPerCommand.<stage>}: microseconds per command between two scrapes, in pipeline order. */
    static Map<String, Double> perCommand(Map<String, Double> before, Map<String, Double> after, int commands) {
        Map<String, Double> micros = new TreeMap<>(StageTimes::pipelineOrder);
        after.forEach((stage, total) -> micros.put(stage,
                (total - before.getOrDefault(stage, 0.0)) * 1e6 / commands));
        Map<String, Double> named = new java.util.LinkedHashMap<>();
        micros.forEach((stage, value) -> named.put("stageMicrosPerCommand." + stage, value));
        return named;
    }

    private static final java.util.List<String> ORDER = java.util.List.of("intake", "axon", "ingest", "vault",
            "publish", "project");

    /** Intake, Axon, ingest, vault, publish, project: the order a command goes through them. */
    private static int pipelineOrder(String a, String b) {
        int byPrefix = Integer.compare(rank(a), rank(b));
        return byPrefix != 0 ? byPrefix : a.compareTo(b);
    }

    private static int rank(String stage) {
        int dot = stage.indexOf('.');
        int rank = ORDER.indexOf(dot < 0 ? stage : stage.substring(0, dot));
        return rank < 0 ? ORDER.size() : rank;
    }
}
