package io.lethe.app;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/** The admin bearer token: {@code LETHE_ADMIN_TOKEN} when set, else a fresh random one. */
public final class AdminToken {

    public static final String ENV = "LETHE_ADMIN_TOKEN";

    private AdminToken() {
    }

    /** The token and whether it was generated (and so must be printed for the user). */
    public record Token(String value, boolean generated) {
    }

    public static Token resolve(Map<String, String> env) {
        String configured = env.get(ENV);
        if (configured != null && !configured.isBlank()) {
            return new Token(configured, false);
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return new Token(Base64.getUrlEncoder().withoutPadding().encodeToString(random), true);
    }
}
