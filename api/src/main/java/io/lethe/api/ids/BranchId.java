package io.lethe.api.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A validated branch identifier; see {@link Ids} for the allowed characters. */
public record BranchId(String value) {

    public BranchId {
        Ids.requireSafe("branchId", value);
    }

    @JsonCreator
    public static BranchId of(String value) {
        return new BranchId(value);
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
