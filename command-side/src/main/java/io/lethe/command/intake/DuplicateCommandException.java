package io.lethe.command.intake;

/** Thrown inside the command's transaction when its id was processed before, so that nothing is applied twice. */
final class DuplicateCommandException extends RuntimeException {

    DuplicateCommandException(String commandId) {
        super("command " + commandId + " was processed before", null, false, false);
    }
}
