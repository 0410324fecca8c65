package io.lethe.command.erasure;

import io.lethe.api.events.Guarantee;

import java.util.Map;

/** Internal commands of the erasure process; they never travel on Kafka. */
final class ErasureCommands {

    private ErasureCommands() {
    }

    /** Every internal erasure command names the subject's aggregate. */
    interface SubjectCommand {
        String subjectAggregateId();
    }

    /** A model is done with the erasure: forgot the subject (guarantee set) or never saw it (guarantee null). */
    record SettleModel(String subjectAggregateId, String erasureId, String modelId, Guarantee guarantee,
                       Integer versionBefore, Integer versionAfter, Map<String, Double> metrics)
            implements SubjectCommand {
    }

    /** The version that forgot the subject is deployed in the model. */
    record RecordDeployment(String subjectAggregateId, String erasureId, String modelId, int version)
            implements SubjectCommand {
    }

    /** A model could not forget the subject. */
    record Fail(String subjectAggregateId, String erasureId, String reason) implements SubjectCommand {
    }
}
