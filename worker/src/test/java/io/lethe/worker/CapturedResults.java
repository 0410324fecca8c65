package io.lethe.worker;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.api.Json;
import io.lethe.worker.job.ResultSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A result sink that keeps what was sent. */
final class CapturedResults implements ResultSink {

    record Sent(String modelId, String jobId, String json) {
        JsonNode tree() {
            try {
                return Json.mapper().readTree(json);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    final List<Sent> sent = new CopyOnWriteArrayList<>();

    @Override
    public void send(String modelId, String jobId, String resultJson) {
        sent.add(new Sent(modelId, jobId, resultJson));
    }

    Sent last() {
        return sent.get(sent.size() - 1);
    }
}
