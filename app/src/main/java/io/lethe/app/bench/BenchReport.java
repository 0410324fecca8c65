package io.lethe.app.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.lethe.api.Json;

import java.util.List;
import java.util.Locale;

/** Prints benchmark results as a table for people or as JSON for machines. */
final class BenchReport {

    private BenchReport() {
    }

    static String table(List<BenchResult> results, String machine) {
        StringBuilder out = new StringBuilder("machine: " + machine + "\n");
        out.append(String.format(Locale.ROOT, "%-34s %14s %-14s %14s  %-34s%n", "benchmark", "value", "unit",
                "baseline", "ratio to baseline"));
        for (BenchResult r : results) {
            out.append(String.format(Locale.ROOT, "%-34s %14.1f %-14s %14.1f  %.3fx (%s)%n", r.name(), r.value(),
                    r.unit(), r.baseline(), r.ratio(), r.baselineName()));
            r.details().forEach((k, v) -> out.append(String.format(Locale.ROOT, "    %-46s %14.3f%n", k, v)));
        }
        return out.toString();
    }

    static String json(List<BenchResult> results, String machine) {
        try {
            var root = Json.mapper().createObjectNode();
            root.put("machine", machine);
            var array = root.putArray("results");
            for (BenchResult r : results) {
                var node = Json.mapper().valueToTree(r);
                ((com.fasterxml.jackson.databind.node.ObjectNode) node).put("ratio", r.ratio());
                array.add(node);
            }
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
