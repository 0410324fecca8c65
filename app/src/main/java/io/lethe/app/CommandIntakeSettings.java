package io.lethe.app;

import io.lethe.api.commands.CommandParser;
import io.lethe.api.commands.CommandSourcePolicy;

import java.util.Map;

/**
 * The command intake's guards from the environment: {@code LETHE_COMMAND_SOURCES} (which CloudEvent
 * sources may send which command types, see {@link CommandSourcePolicy}) and
 * {@code LETHE_MAX_COMMAND_BYTES} (largest accepted command value). A bad value stops the service at
 * start-up rather than silently weakening a guard.
 */
public final class CommandIntakeSettings {

    public static final String SOURCES_ENV = "LETHE_COMMAND_SOURCES";
    public static final String MAX_BYTES_ENV = "LETHE_MAX_COMMAND_BYTES";
    public static final String ALLOW_PLAINTEXT_ENV = "LETHE_ALLOW_PLAINTEXT_PAYLOADS";

    private CommandIntakeSettings() {
    }

    public static CommandSourcePolicy sources(Map<String, String> env) {
        String configured = env.get(SOURCES_ENV);
        if (configured == null || configured.isBlank()) {
            return CommandSourcePolicy.DEFAULT;
        }
        try {
            return CommandSourcePolicy.parse(configured);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(SOURCES_ENV + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code LETHE_ALLOW_PLAINTEXT_PAYLOADS=true} lets inline plaintext payloads through (unsafe, for demos:
     * the data then stays on {@code lethe.commands} whatever an erasure does). Anything but true/false stops
     * the service.
     */
    public static boolean allowPlaintextPayloads(Map<String, String> env) {
        String configured = env.getOrDefault(ALLOW_PLAINTEXT_ENV, "false").trim();
        if (configured.equalsIgnoreCase("true") || configured.equalsIgnoreCase("false") || configured.isEmpty()) {
            return configured.equalsIgnoreCase("true");
        }
        throw new IllegalArgumentException(ALLOW_PLAINTEXT_ENV + " must be true or false, was " + configured);
    }

    public static int maxCommandBytes(Map<String, String> env) {
        String configured = env.get(MAX_BYTES_ENV);
        if (configured == null || configured.isBlank()) {
            return CommandParser.DEFAULT_MAX_BYTES;
        }
        try {
            int bytes = Integer.parseInt(configured.trim());
            if (bytes > 0) {
                return bytes;
            }
        } catch (NumberFormatException e) {
            // reported below with the variable's name
        }
        throw new IllegalArgumentException(MAX_BYTES_ENV + " must be a positive number of bytes, was " + configured);
    }
}
