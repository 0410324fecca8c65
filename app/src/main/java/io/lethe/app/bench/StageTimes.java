package io.lethe.app.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a command's time goes: {@code lethe_pipeline_stage_seconds{stage}} scraped from the node's public
 * {@code /metrics} before and after a run, the difference divided by the commands of the run. The stages run
 * on several threads at once (intake, publisher, query side), so they do not add up to the wall time; each
 * says how long a command keeps that stage busy. The timers count batches, so the scrapes also give the
 * commands per batch of each stage; and {@code lethe_projection_lag_seconds}, the mean time from an event's
 * publication to its projection.
 */
final class StageTimes {

    private static final Pattern STAGE = Pattern.compile(
            "^lethe_pipeline_stage_seconds_(sum|count)\\{[^}]*stage=\"([^\"]+)\"[^}]*}\\s+(\\S+)", Pattern.MULTILINE);
    private static final Pattern LAG = Pattern.compile(
            "^lethe_projection_lag_seconds_(sum|count)(?:\\{[^}]*})?\\s+(\\S+)", Pattern.MULTILINE);
    private static final List<String> ORDER = List.of("intake", "axon", "ingest", "vault", "publish", "project");

    /** One scrape: per stage its seconds and batches so far; the projection lag's seconds and events so far. */
    record Scrape(Map<String, Double> seconds, Map<String, Double> batches, double lagSeconds, double lagEvents) {
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI metrics;

    StageTimes(URI metrics) {
        this.metrics = metrics;
    }

    Scrape scrape() throws IOException, InterruptedException {
        return parse(http.send(HttpRequest.newBuilder(metrics).GET().build(), HttpResponse.BodyHandlers.ofString())
                .body());
    }

    /** The stage timers and the projection lag in a Prometheus text exposition. */
    static Scrape parse(String text) {
        Map<String, Double> seconds = new TreeMap<>();
        Map<String, Double> batches = new TreeMap<>();
        Matcher m = STAGE.matcher(text);
        while (m.find()) {
            (m.group(1).equals("sum") ? seconds : batches).put(m.group(2), Double.parseDouble(m.group(3)));
        }
        double[] lag = new double[2];
        Matcher l = LAG.matcher(text);
        while (l.find()) {
            lag[l.group(1).equals("sum") ? 0 : 1] += Double.parseDouble(l.group(2));
        }
        return new Scrape(seconds, batches, lag[0], lag[1]);
    }

    /**
     * {@code stageMicrosPerCommand.<stage>} (microseconds per command) and {@code commandsPerBatch.<stage>}
     * between two scrapes, in pipeline order, then {@code meanPublishToProjectionMillis}.
     */
    static Map<String, Double> perCommand(Scrape before, Scrape after, int commands) {
        Map<String, Double> micros = new LinkedHashMap<>();
        Map<String, Double> perBatch = new LinkedHashMap<>();
        after.seconds().keySet().stream().sorted(StageTimes::pipelineOrder).forEach(stage -> {
            micros.put("stageMicrosPerCommand." + stage,
                    (after.seconds().get(stage) - before.seconds().getOrDefault(stage, 0.0)) * 1e6 / commands);
            double batches = after.batches().getOrDefault(stage, 0.0) - before.batches().getOrDefault(stage, 0.0);
            perBatch.put("commandsPerBatch." + stage, batches == 0 ? Double.NaN : commands / batches);
        });
        Map<String, Double> all = new LinkedHashMap<>(micros);
        all.putAll(perBatch);
        double events = after.lagEvents() - before.lagEvents();
        all.put("meanPublishToProjectionMillis",
                events == 0 ? Double.NaN : (after.lagSeconds() - before.lagSeconds()) * 1e3 / events);
        return all;
    }

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
