package io.lethe.api.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A validated model identifier; see {@link Ids} for the allowed characters. */
public record ModelId(String value) {

    public ModelId {
        Ids.requireSafe("modelId", value);
    }

    @JsonCreator
    public static ModelId of(String value) {
        return new ModelId(value);
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
