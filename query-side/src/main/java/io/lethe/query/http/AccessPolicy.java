package io.lethe.query.http;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Map.entry;

/**
 * The one table of who may call which REST route, keyed by method and the path exactly as the route
 * is registered ({@code GET /api/models/{modelId}}). Every route under {@code /api} needs an entry; one
 * without is served to admins only (fail closed) and fails {@code RestRolesIT}. Paths outside
 * {@code /api} ({@code /health}, {@code /metrics}, the dashboard's static files) are public: container health
 * checks and Prometheus scrape without a token, and the metrics' labels are bounded values (command types, error
 * codes, job kinds, topics), never the id of a model, record or subject.
 *
 * <p>Why these roles: the transparency log is public so anyone can audit it. Model and version views
 * hold commitments and digests, no personal data, and producers need them to follow their commands.
 * Membership and exposure answer "was this record / this person in the model?", so only auditors (and
 * admins) see them. Producers request erasures and follow them; auditors read them.
 */
public final class AccessPolicy {

    /** Who may call one route. */
    public record Rule(boolean isPublic, Set<Role> roles) {

        public Rule {
            roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        }

        public boolean allows(Role role) {
            return isPublic || roles.contains(role);
        }
    }

    public static final Rule PUBLIC = new Rule(true, Set.of());
    public static final Rule ADMIN = new Rule(false, Set.of(Role.ADMIN));
    public static final Rule AUDITOR = new Rule(false, Set.of(Role.AUDITOR, Role.ADMIN));
    public static final Rule PRODUCER = new Rule(false, Set.of(Role.PRODUCER, Role.ADMIN));
    public static final Rule ANY_ROLE = new Rule(false, Set.of(Role.PRODUCER, Role.AUDITOR, Role.ADMIN));

    private static final Map<String, Rule> RULES = Map.ofEntries(
            entry("GET /api/openapi.json", PUBLIC),
            // The Kafka contract: the AsyncAPI document and the JSON Schemas it refers to.
            entry("GET /api/asyncapi.yaml", PUBLIC),
            entry("GET /api/schemas/{name}", PUBLIC),
            entry("GET /api/schemas/{folder}/{name}", PUBLIC),
            entry("GET /api/log/checkpoint", PUBLIC),
            entry("GET /api/log/public-key", PUBLIC),
            entry("GET /api/log/keys", PUBLIC),
            entry("GET /api/log/entries", PUBLIC),
            entry("GET /api/log/proof/inclusion", PUBLIC),
            entry("GET /api/log/proof/consistency", PUBLIC),
            entry("GET /api/log/status", PUBLIC),
            entry("GET /api/log/witnesses", PUBLIC),
            // Signing on demand writes a checkpoint row: not for anonymous callers.
            entry("POST /api/log/checkpoint", ADMIN),
            entry("GET /api/models", ANY_ROLE),
            entry("GET /api/models/{modelId}", ANY_ROLE),
            entry("GET /api/models/{modelId}/versions/{version}", ANY_ROLE),
            entry("GET /api/models/{modelId}/versions/{version}/membership", AUDITOR),
            entry("GET /api/subjects/{subjectId}/exposure", AUDITOR),
            entry("GET /api/costs", AUDITOR),
            entry("POST /api/erasures", PRODUCER),
            // A subject's vault key, for sealing its payloads before Kafka: producers (and admins) only.
            entry("POST /api/subject-keys", PRODUCER),
            entry("GET /api/erasures/{erasureId}", ANY_ROLE),
            // The whole queue names every erasing subject (by pseudonym): auditors and admins only.
            entry("GET /api/erasures", AUDITOR),
            entry("GET /api/erasures/{erasureId}/certificate", ANY_ROLE),
            entry("GET /api/erasures/{erasureId}/certificate.html", ANY_ROLE),
            entry("GET /api/tokens", ADMIN),
            entry("POST /api/tokens", ADMIN),
            entry("DELETE /api/tokens/{name}", ADMIN));

    private AccessPolicy() {
    }

    /** Every entry, {@code "METHOD /path"} to rule. */
    public static Map<String, Rule> rules() {
        return RULES;
    }

    /** The table's entry for a registered route, if it has one. */
    public static Optional<Rule> entryFor(String method, String path) {
        return Optional.ofNullable(RULES.get(key(method, path)));
    }

    /** What is enforced: the table's entry; public outside {@code /api}; admin only for a missing entry. */
    public static Rule ruleFor(String method, String path) {
        if (!path.equals("/api") && !path.startsWith("/api/")) {
            return PUBLIC;
        }
        return entryFor(method, path).orElse(ADMIN);
    }

    static String key(String method, String path) {
        return method + " " + path;
    }
}
