package io.lethe.verifier.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lethe.api.Json;
import io.lethe.api.cloudevents.CanonicalJson;
import io.lethe.verifier.NoteVerifier;
import io.lethe.verifier.Rfc6962;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Base64;

/**
 * Writes an {@link AuditBundle}: one canonical JSON object per line, in the bundle's order (a line of an earlier
 * kind after a later one is refused, so a writer cannot produce a bundle its verifier rejects for order).
 */
public final class AuditBundleWriter implements AutoCloseable {

    private final OutputStream out;
    private int stage = -1;

    /** Writes the header at once. */
    public AuditBundleWriter(OutputStream out, String origin) {
        this.out = out;
        ObjectNode header = line(AuditBundle.HEADER);
        header.put("format", AuditBundle.FORMAT);
        header.put("origin", origin);
        write(header);
    }

    public void key(NoteVerifier key) {
        ObjectNode line = line(AuditBundle.KEY);
        line.put("keyName", key.keyName());
        line.put("keyId", String.format("%08x", key.keyId()));
        line.put("publicKey", b64(key.publicKey()));
        write(line);
    }

    public void checkpoint(long treeSize, String note) {
        ObjectNode line = line(AuditBundle.CHECKPOINT);
        line.put("treeSize", treeSize);
        line.put("note", note);
        write(line);
    }

    /** @param note the checkpoint with its witnesses' cosignature lines, as {@code GET /checkpoint} serves it */
    public void cosigned(long treeSize, String note) {
        ObjectNode line = line(AuditBundle.COSIGNED);
        line.put("treeSize", treeSize);
        line.put("note", note);
        write(line);
    }

    public void leaf(long index, byte[] leafInput) {
        ObjectNode line = line(AuditBundle.LEAF);
        line.put("index", index);
        line.put("hash", b64(Rfc6962.leafHash(leafInput)));
        line.put("input", b64(leafInput));
        write(line);
    }

    public void version(String modelId, int version, String digest, String lineageRoot, int lineageSize) {
        ObjectNode line = line(AuditBundle.VERSION);
        line.put("modelId", modelId);
        line.put("version", version);
        line.put("digest", digest);
        line.put("lineageRoot", lineageRoot);
        line.put("lineageSize", lineageSize);
        write(line);
    }

    /** @param signed the signed certificate as served ({@code SignedErasureCertificate} JSON) */
    public void certificate(String erasureId, JsonNode signed) {
        ObjectNode line = line(AuditBundle.CERTIFICATE);
        line.put("erasureId", erasureId);
        line.set("signed", signed);
        write(line);
    }

    private ObjectNode line(String kind) {
        int at = AuditBundle.ORDER.indexOf(kind);
        if (at < stage) {
            throw new IllegalStateException("a " + kind + " line cannot follow " + AuditBundle.ORDER.get(stage)
                    + " lines");
        }
        stage = at;
        ObjectNode line = Json.mapper().createObjectNode();
        line.put("kind", kind);
        return line;
    }

    private void write(ObjectNode line) {
        try {
            out.write(CanonicalJson.bytes(line));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
