package io.lethe.api.commands;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.lethe.api.ErrorCode;
import io.lethe.api.LetheException;

import java.util.Locale;

/** How a forget is carried out; {@code AUTO} picks EXACT when it can, else the configured policy. */
public enum ForgetMode {
    AUTO, EXACT, APPROXIMATE, REBASE;

    @JsonCreator
    public static ForgetMode parse(String value) {
        for (ForgetMode mode : values()) {
            if (mode.wireName().equals(value)) {
                return mode;
            }
        }
        throw new LetheException(ErrorCode.INVALID_FIELD,
                "mode must be auto, exact, approximate or rebase, was " + value);
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
