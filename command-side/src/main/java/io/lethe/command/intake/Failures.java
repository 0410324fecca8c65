package io.lethe.command.intake;

import io.lethe.api.Transience;

/** Tells a failure of our infrastructure (retry the command) from a command that can never succeed. */
final class Failures {

    private Failures() {
    }

    static boolean isInfrastructure(Throwable failure) {
        return Transience.isTransient(failure, org.apache.kafka.common.KafkaException.class);
    }
}
