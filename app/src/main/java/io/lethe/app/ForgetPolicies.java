package io.lethe.app;

import io.lethe.api.events.Guarantee;
import io.lethe.command.model.ForgetPolicy;

import java.util.Locale;
import java.util.Map;

/** {@code LETHE_FORGET_POLICY=approximate|rebase}: what a forget with {@code mode=auto} does for backbone records. */
public final class ForgetPolicies {

    public static final String ENV = "LETHE_FORGET_POLICY";

    private ForgetPolicies() {
    }

    public static ForgetPolicy fromEnvironment(Map<String, String> env) {
        String configured = env.get(ENV);
        if (configured == null || configured.isBlank()) {
            return ForgetPolicy.DEFAULT;
        }
        Guarantee guarantee = switch (configured.trim().toLowerCase(Locale.ROOT)) {
            case "approximate" -> Guarantee.APPROXIMATE;
            case "rebase" -> Guarantee.REBASE;
            default -> throw new IllegalArgumentException(ENV + " must be approximate or rebase, was " + configured);
        };
        return new ForgetPolicy(guarantee);
    }
}
