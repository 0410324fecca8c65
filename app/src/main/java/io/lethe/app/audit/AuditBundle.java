package io.lethe.app.audit;

import io.lethe.api.events.DomainEvent;
import io.lethe.api.events.VersionCompletedEvent;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bundle format, {@value #FORMAT}: JSON Lines, one object per line, each with a {@code type}, in this order:
 * <ol>
 * <li>{@code header}: {@code format}, {@code origin}, {@code treeSize} (the entries the bundle holds)</li>
 * <li>{@code key}: one per log key ever used, {@code vkey} as {@code <name>+<keyid>+<base64>}</li>
 * <li>{@code checkpoint}: every signed checkpoint {@code note}, by size; the last covers every entry</li>
 * <li>{@code cosigned}: at most one, the latest checkpoint {@code note} with its witnesses' cosignatures</li>
 * <li>{@code version}: per completed model version, {@code modelId}, {@code version}, {@code digest},
 * {@code lineageRoot} and the {@code leafIndex} of the log entry that records them</li>
 * <li>{@code certificate}: per issued erasure certificate, {@code erasureId} and the {@code signed} certificate</li>
 * <li>{@code entry}: every log leaf, {@code index} and base64 {@code leafInput}, by index</li>
 * <li>{@code end}: {@code lines}, the number of lines before it (a truncated bundle is caught)</li>
 * </ol>
 * Nothing in it is taken on trust: every field is either signed, hashed into the tree, or recomputed from
 * entries, so one changed byte anywhere is a named failure.
 */
final class AuditBundle {

    static final String FORMAT = "lethe-audit-bundle/1";
    /** The log's event type for a completed version, whose payload carries its digest and lineage roots. */
    static final String VERSION_COMPLETED = DomainEvent.cloudEventType(VersionCompletedEvent.class);

    /** The line types, in the order they must appear. */
    static final List<String> ORDER = List.of("header", "key", "checkpoint", "cosigned", "version", "certificate",
            "entry", "end");

    /** Exactly the fields each line type has. */
    static final Map<String, Set<String>> FIELDS = Map.of(
            "header", Set.of("type", "format", "origin", "treeSize"),
            "key", Set.of("type", "vkey"),
            "checkpoint", Set.of("type", "note"),
            "cosigned", Set.of("type", "note"),
            "version", Set.of("type", "modelId", "version", "digest", "lineageRoot", "leafIndex"),
            "certificate", Set.of("type", "erasureId", "signed"),
            "entry", Set.of("type", "index", "leafInput"),
            "end", Set.of("type", "lines"));

    private AuditBundle() {
    }
}
