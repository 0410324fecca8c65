package io.lethe.query.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.lethe.api.ErrorCode;
import io.lethe.api.Json;
import io.lethe.api.LetheException;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Token management (admin only, see {@link AccessPolicy}): {@code POST /api/tokens {name, role}} issues a
 * token and shows it once, {@code GET /api/tokens} lists live ones (names and roles, never secrets),
 * {@code DELETE /api/tokens/{name}} revokes one.
 */
final class TokenRoutes {

    static final String PATH = "/api/tokens";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@+-]{0,63}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AccessTokens tokens;

    private TokenRoutes(AccessTokens tokens) {
        this.tokens = tokens;
    }

    /** The issued token; {@code token} appears in this answer only. */
    record IssuedToken(String name, String role, String token, Instant createdAt) {
    }

    static void register(Javalin app, AccessTokens tokens) {
        TokenRoutes routes = new TokenRoutes(tokens);
        app.post(PATH, routes::issue);
        app.get(PATH, ctx -> ctx.json(tokens.live()));
        app.delete(PATH + "/{name}", routes::revoke);
    }

    private void issue(Context ctx) {
        JsonNode body = body(ctx);
        String name = text(body, "name");
        if (!NAME.matcher(name).matches()) {
            throw new LetheException(ErrorCode.BAD_REQUEST,
                    "name must be 1-64 characters of letters, digits, '.', '_', ':', '@', '+' or '-'");
        }
        Role role = Role.parse(text(body, "role"));
        String token = newToken();
        Instant now = Instant.now();
        if (!tokens.create(name, role, BearerAuth.sha256(token), now)) {
            throw new LetheException(ErrorCode.BAD_REQUEST, "a live token named " + name + " exists; revoke it first");
        }
        ctx.status(HttpStatus.CREATED).json(new IssuedToken(name, role.wireName(), token, now));
    }

    private void revoke(Context ctx) {
        String name = ctx.pathParam("name");
        if (!tokens.revoke(name)) {
            throw new LetheException(ErrorCode.NOT_FOUND, "no live token named " + name);
        }
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private static JsonNode body(Context ctx) {
        try {
            JsonNode body = Json.mapper().readTree(ctx.body());
            if (body != null && body.isObject()) {
                return body;
            }
        } catch (Exception e) {
            // answered below: the caller learns it was not a JSON object, not the parser's details
        }
        throw new LetheException(ErrorCode.BAD_REQUEST, "the body must be a JSON object {name, role}");
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual()) {
            throw new LetheException(ErrorCode.BAD_REQUEST, field + " is required and must be a string");
        }
        return value.asText();
    }

    /** 256 random bits, URL-safe, prefixed so a leaked token is recognisable in logs and secret scanners. */
    private static String newToken() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return "lethe_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
