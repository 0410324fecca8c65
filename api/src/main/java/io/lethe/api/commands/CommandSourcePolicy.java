package io.lethe.api.commands;

import io.lethe.api.ErrorCode;
import io.lethe.api.LetheException;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which CloudEvent {@code source} values may send which command type. The source is a claim made by
 * the producer, not an authentication: it keeps honest-but-misconfigured producers (and replays of
 * another topic) from issuing internal commands; Kafka ACLs on {@code lethe.commands} decide who can
 * write at all.
 *
 * <p>Configured as {@code type=source[,source...]} rules separated by {@code ;}; {@code *} as the type
 * is the rule for every type without its own rule, {@code *} as a source allows any source. Example
 * (also the {@link #DEFAULT}): {@code lethe.CompleteJob=lethe-worker;*=*}.
 */
public final class CommandSourcePolicy {

    /** What {@code LETHE_COMMAND_SOURCES} holds when unset: job results only from workers, the rest from anyone. */
    public static final String DEFAULT_SPEC = "lethe.CompleteJob=lethe-worker;*=*";
    public static final CommandSourcePolicy DEFAULT = parse(DEFAULT_SPEC);

    private static final String ANY = "*";

    private final Map<String, Set<String>> sourcesByType;
    private final Set<String> defaultSources;

    private CommandSourcePolicy(Map<String, Set<String>> sourcesByType, Set<String> defaultSources) {
        this.sourcesByType = Map.copyOf(sourcesByType);
        this.defaultSources = defaultSources;
    }

    /**
     * Reads a policy; a type that names no command, an empty source list or a repeated type is a
     * configuration error ({@link IllegalArgumentException}) so a typo never silently opens a type.
     * Types without a rule and no {@code *} rule allow no source at all.
     */
    public static CommandSourcePolicy parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("a command source policy needs at least one rule");
        }
        Map<String, Set<String>> byType = new HashMap<>();
        Set<String> fallback = Set.of();
        for (String rule : spec.split(";")) {
            if (rule.isBlank()) {
                continue;
            }
            int eq = rule.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("command source rule '" + rule + "' is not type=source[,source]");
            }
            String type = rule.substring(0, eq).trim();
            Set<String> sources = sources(rule, rule.substring(eq + 1));
            if (ANY.equals(type)) {
                fallback = sources;
            } else if (CommandType.of(type).isEmpty()) {
                throw new IllegalArgumentException("command source rule names an unknown command type '" + type + "'");
            } else if (byType.put(type, sources) != null) {
                throw new IllegalArgumentException("command type '" + type + "' has two source rules");
            }
        }
        return new CommandSourcePolicy(byType, fallback);
    }

    private static Set<String> sources(String rule, String list) {
        Set<String> sources = new java.util.LinkedHashSet<>();
        for (String source : list.split(",")) {
            if (!source.isBlank()) {
                sources.add(source.trim());
            }
        }
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("command source rule '" + rule + "' names no source");
        }
        return Set.copyOf(sources);
    }

    /** True when {@code source} may send commands of the CloudEvent type {@code type}. */
    public boolean allows(String type, String source) {
        Set<String> allowed = sourcesByType.getOrDefault(type, defaultSources);
        return allowed.contains(ANY) || allowed.contains(source);
    }

    /** Throws {@link ErrorCode#UNAUTHORISED_SOURCE} unless {@link #allows} holds. */
    public void check(String type, String source) {
        if (!allows(type, source)) {
            throw new LetheException(ErrorCode.UNAUTHORISED_SOURCE,
                    "source '" + abbreviate(source) + "' may not send " + abbreviate(type));
        }
    }

    private static String abbreviate(String value) {
        return value.length() <= 80 ? value : value.substring(0, 80) + "...";
    }
}
