package io.lethe.query.http;

import io.javalin.http.Context;
import io.lethe.api.ErrorCode;
import io.lethe.api.LetheException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Bearer-token checks against {@link AccessPolicy}. Tokens are known only by their SHA-256: the admin
 * token of the configuration is kept hashed in memory (compared in constant time, so neither a heap
 * dump nor timing gives it away), named tokens are hashed in {@code query.access_tokens}.
 */
final class BearerAuth {

    private static final String PREFIX = "Bearer ";

    private final byte[] adminTokenHash;
    private final AccessTokens tokens;

    BearerAuth(String adminToken, AccessTokens tokens) {
        this.adminTokenHash = sha256(adminToken);
        this.tokens = tokens;
    }

    /** 401 without a valid token, 403 when its role is not in the rule; public rules need no token. */
    void authorise(Context ctx, AccessPolicy.Rule rule) {
        if (rule.isPublic()) {
            return;
        }
        if (!rule.allows(authenticate(ctx))) {
            throw new LetheException(ErrorCode.FORBIDDEN, "this token's role may not call " + ctx.method() + " "
                    + ctx.endpointHandlerPath());
        }
    }

    /** Any valid token; routes that check it themselves on top of the policy. */
    void requireToken(Context ctx) {
        authenticate(ctx);
    }

    private Role authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.startsWith(PREFIX)) {
            throw new LetheException(ErrorCode.UNAUTHENTICATED, "a bearer token is required");
        }
        byte[] hash = sha256(header.substring(PREFIX.length()).trim());
        return roleOf(hash).orElseThrow(() ->
                new LetheException(ErrorCode.UNAUTHENTICATED, "the bearer token is not valid"));
    }

    private Optional<Role> roleOf(byte[] tokenHash) {
        if (MessageDigest.isEqual(adminTokenHash, tokenHash)) {
            return Optional.of(Role.ADMIN);
        }
        return tokens.liveRole(tokenHash);
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
