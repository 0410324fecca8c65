package io.lethe.query.http;

import io.javalin.http.Context;
import io.lethe.api.ErrorCode;
import io.lethe.api.LetheException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Bearer-token check for the non-public API. Only the SHA-256 of the token is kept in memory, and
 * comparison is constant-time, so neither a heap dump nor timing gives the token away.
 */
final class BearerAuth {

    private final byte[] adminTokenHash;

    BearerAuth(String adminToken) {
        this.adminTokenHash = sha256(adminToken);
    }

    void requireToken(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            throw new LetheException(ErrorCode.UNAUTHENTICATED, "a bearer token is required");
        }
        if (!MessageDigest.isEqual(adminTokenHash, sha256(header.substring("Bearer ".length()).trim()))) {
            throw new LetheException(ErrorCode.UNAUTHENTICATED, "the bearer token is not valid");
        }
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
