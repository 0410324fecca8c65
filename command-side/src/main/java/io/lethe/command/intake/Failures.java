package io.lethe.command.intake;

import io.lethe.consumer.InfrastructureFailures;
import org.axonframework.modelling.command.ConcurrencyException;

/** Tells a failure of our infrastructure (retry the command) from a command that can never succeed. */
final class Failures {

    private Failures() {
    }

    /**
     * Also an optimistic-lock conflict on an aggregate ({@code ConcurrencyException}: another command-side
     * instance appended to it first): on the retry the aggregate is loaded with the other's events, and the
     * command is carried out or rejected on its merits. (Creating an aggregate that exists is a rejection,
     * {@code MODEL_ALREADY_EXISTS}, decided before this.)
     */
    static boolean isInfrastructure(Throwable failure) {
        return InfrastructureFailures.isTransient(failure, ConcurrencyException.class);
    }
}
