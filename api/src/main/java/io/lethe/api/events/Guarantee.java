package io.lethe.api.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What a forget achieved (DESIGN.md §2): recorded with every forget, per model. */
public enum Guarantee {
    /** The records are in no component of the new version: their branches were retrained without them. */
    EXACT,
    /** The records are in the frozen backbone; an unlearning branch suppresses them, with measured metrics. */
    APPROXIMATE,
    /** The backbone was retrained without the records and reprogrammed, at its full write-verify cost. */
    REBASE;

    @JsonCreator
    public static Guarantee parse(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    @JsonValue
    public String wireName() {
        return name();
    }
}
