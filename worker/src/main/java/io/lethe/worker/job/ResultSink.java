package io.lethe.worker.job;

/** Where results go: {@code lethe.commands}. Returns once the result is durably acknowledged. */
@FunctionalInterface
public interface ResultSink {

    void send(String modelId, String jobId, String resultJson) throws Exception;
}
