package io.lethe.api.commands;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.lethe.api.ErrorCode;
import io.lethe.api.LetheException;

import java.util.Locale;

/** The three workloads of the seed paper. */
public enum Task {
    FACE, SPEAKER, IMAGE;

    @JsonCreator
    public static Task parse(String value) {
        for (Task task : values()) {
            if (task.wireName().equals(value)) {
                return task;
            }
        }
        throw new LetheException(ErrorCode.INVALID_FIELD, "task must be face, speaker or image, was " + value);
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
