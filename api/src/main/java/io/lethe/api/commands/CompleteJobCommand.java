package io.lethe.api.commands;

import io.lethe.api.jobs.ComponentResult;
import io.lethe.api.ids.ModelId;

import java.util.List;
import java.util.Map;

/**
 * {@code lethe.CompleteJob}: a worker's result for one job, sent on {@code lethe.commands} with the
 * CloudEvent id {@code job-result:<jobId>} so a repeated result has no second effect.
 *
 * @param status     {@code completed} or {@code failed}
 * @param components every component of the produced version with its weights digest (completed only)
 * @param metrics    accuracy, forget-quality and device counters (e.g. {@code forgetAccuracy}, {@code sramBytesWritten})
 * @param cost       the simulator's cost report for the job (energy in J, latency in s, per item)
 * @param reason     why it failed (failed only)
 */
public record CompleteJobCommand(ModelId modelId, String jobId, Integer version, String status,
                                 List<ComponentResult> components, Map<String, Double> metrics,
                                 Map<String, Double> cost, String reason) implements ModelCommand {

    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";

    public CompleteJobCommand {
        Require.present("modelId", modelId);
        Require.text("jobId", jobId, 256);
        Require.present("version", version);
        Require.present("status", status);
        if (!COMPLETED.equals(status) && !FAILED.equals(status)) {
            throw new io.lethe.api.LetheException(io.lethe.api.ErrorCode.INVALID_FIELD,
                    "status must be completed or failed");
        }
        components = Require.optionalList(components);
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
        cost = cost == null ? Map.of() : Map.copyOf(cost);
    }

    /** The CloudEvent id a worker uses for the result of a job. */
    public static String commandIdFor(String jobId) {
        return "job-result:" + jobId;
    }
}
