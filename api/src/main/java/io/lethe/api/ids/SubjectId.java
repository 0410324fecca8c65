package io.lethe.api.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A validated subject identifier; see {@link Ids} for the allowed characters. */
public record SubjectId(String value) {

    public SubjectId {
        Ids.requireSafe("subjectId", value);
    }

    @JsonCreator
    public static SubjectId of(String value) {
        return new SubjectId(value);
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
