package io.lethe.verifier;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lethe.api.Json;
import io.lethe.api.cloudevents.CanonicalJson;
import io.lethe.api.events.ComponentLineage;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * The digest of a model version: SHA-256 over the canonical JSON of the model id, the version and,
 * per component (sorted by id), its kind, rank, seed, weights digest, lineage root and size. It
 * binds the backbone digest, every branch's weights digest and every lineage root, so a replay of
 * the event log recomputes it and an auditor can compare.
 */
public final class VersionDigest {

    private VersionDigest() {
    }

    public static String of(String modelId, int version, List<ComponentLineage> components) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("modelId", modelId);
        root.put("version", version);
        ArrayNode parts = root.putArray("components");
        components.stream().sorted(Comparator.comparing(ComponentLineage::componentId)).forEach(c -> {
            ObjectNode part = parts.addObject();
            part.put("componentId", c.componentId());
            part.put("kind", c.kind().name());
            part.put("rank", c.rank());
            part.put("seed", c.seed());
            part.put("weightsDigest", c.weightsDigest());
            part.put("lineageRoot", c.lineageRoot());
            part.put("lineageSize", c.lineageSize());
        });
        return Base64.getEncoder().encodeToString(sha256(CanonicalJson.bytes(root)));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
