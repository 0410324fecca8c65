package io.lethe.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The reply to one command on {@code lethe.command-results}, keyed by the command id.
 *
 * @param commandId the CloudEvent id of the command, or {@code null} when the value had none
 * @param status    {@code accepted} or {@code rejected}
 * @param errorCode set when rejected
 * @param message   set when rejected
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandResult(String commandId, String status, ErrorCode errorCode, String message) {

    public static final String ACCEPTED = "accepted";
    public static final String REJECTED = "rejected";

    public static CommandResult accepted(String commandId) {
        return new CommandResult(commandId, ACCEPTED, null, null);
    }

    public static CommandResult rejected(String commandId, ErrorCode code, String message) {
        return new CommandResult(commandId, REJECTED, code, message);
    }

    @JsonIgnore
    public boolean isAccepted() {
        return ACCEPTED.equals(status);
    }
}
