package io.lethe.verifier.bundle;

/**
 * The offline audit bundle ({@code lethe audit export}): everything an auditor needs to check a Lethe log with no
 * database and no server. It is JSON Lines, each line one RFC 8785 canonical JSON object with a {@code kind}, in
 * this order:
 * <ol>
 *   <li>{@code header}: {@code format} ({@value #FORMAT}) and the log's {@code origin};</li>
 *   <li>{@code key}: each public key the log has signed with ({@code keyName}, {@code keyId}, {@code publicKey});</li>
 *   <li>{@code checkpoint}: each signed checkpoint ({@code treeSize}, the C2SP signed {@code note}), by size;</li>
 *   <li>{@code cosigned}: at most one, the latest checkpoint as the query side serves it with its witnesses'
 *       C2SP tlog-cosignature/v1 lines ({@code treeSize}, {@code note}); it must be one of the checkpoints;</li>
 *   <li>{@code leaf}: each log leaf up to the latest checkpoint ({@code index}, {@code hash}, {@code input});</li>
 *   <li>{@code version}: each completed model version as the query side states it ({@code modelId},
 *       {@code version}, {@code digest}, {@code lineageRoot}, {@code lineageSize});</li>
 *   <li>{@code certificate}: each issued erasure certificate ({@code erasureId}, the {@code signed} certificate).</li>
 * </ol>
 * Binary values are standard base64. Every field is checked by {@link AuditBundleVerifier}, and every line must be
 * exactly its canonical form, so no byte of a bundle can change unnoticed.
 */
public final class AuditBundle {

    public static final String FORMAT = "lethe-audit-bundle/1";

    static final String HEADER = "header";
    static final String KEY = "key";
    static final String CHECKPOINT = "checkpoint";
    static final String COSIGNED = "cosigned";
    static final String LEAF = "leaf";
    static final String VERSION = "version";
    static final String CERTIFICATE = "certificate";

    /** The kinds in the order they appear. */
    static final java.util.List<String> ORDER = java.util.List.of(HEADER, KEY, CHECKPOINT, COSIGNED, LEAF, VERSION,
            CERTIFICATE);

    private AuditBundle() {
    }
}
