package io.lethe.api.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A validated record identifier; see {@link Ids} for the allowed characters. */
public record RecordId(String value) {

    public RecordId {
        Ids.requireSafe("recordId", value);
    }

    @JsonCreator
    public static RecordId of(String value) {
        return new RecordId(value);
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
