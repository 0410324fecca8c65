package io.lethe.verifier.certificates;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.verifier.MembershipViews;
import io.lethe.api.Json;
import io.lethe.api.cloudevents.CanonicalJson;
import io.lethe.verifier.Checkpoint;
import io.lethe.verifier.MerkleProofs;
import io.lethe.verifier.NoteVerifier;
import io.lethe.verifier.Rfc6962;
import io.lethe.verifier.TrustedKeys;
import io.lethe.verifier.VerificationException;
import io.lethe.api.views.MembershipView;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Checks an erasure certificate against the log's public key, with no server involved: the signature,
 * the checkpoint's signature, that the completion event is in the checkpoint's tree and is the
 * completion of this erasure, and that every membership proof verifies against the version after the
 * erasure — showing each record absent where the guarantee is EXACT or REBASE.
 */
public final class CertificateVerifier {

    private CertificateVerifier() {
    }

    /** What was checked, for people: one line per check. */
    public record Report(List<String> checks) {
    }

    /** Checks a certificate against one trusted log key: the key history of a log that never rotated. */
    public static Report verify(SignedErasureCertificate signed, NoteVerifier logKey, String origin)
            throws VerificationException {
        return verify(signed, TrustedKeys.of(logKey), origin);
    }

    /**
     * Checks a certificate against the log's key history ({@code GET /api/log/keys}): the certificate must be
     * signed by one of the keys, and its checkpoint, which may predate a key rotation, by one of them too.
     */
    public static Report verify(SignedErasureCertificate signed, TrustedKeys logKeys, String origin)
            throws VerificationException {
        List<String> checks = new ArrayList<>();
        NoteVerifier logKey = signingKey(signed, logKeys);
        if (!signatureVerifies(signed, logKey)) {
            throw new VerificationException(io.lethe.verifier.Failure.BAD_SIGNATURE,
                    "the certificate's signature does not verify");
        }
        checks.add("signature by " + logKey.keyName() + " verifies");
        ErasureCertificate c = signed.certificate();
        Checkpoint checkpoint = logKeys.verifyCheckpoint(c.checkpoint(), origin);
        checks.add("checkpoint of " + checkpoint.treeSize() + " leaves verifies");
        byte[] leafInput = decode(c.completionLeafInput());
        MerkleProofs.verifyInclusion(Rfc6962.leafHash(leafInput), c.completionLeafIndex(), checkpoint.treeSize(),
                c.completionInclusion().stream().map(CertificateVerifier::decode).toList(), checkpoint.rootHash());
        requireCompletionOf(c, leafInput);
        checks.add("completion event at leaf " + c.completionLeafIndex() + " is in the checkpoint's tree");
        for (ErasureCertificate.ModelCertificate model : c.models()) {
            boolean mustBeAbsent = "EXACT".equals(model.guarantee()) || "REBASE".equals(model.guarantee());
            int absent = 0;
            for (MembershipView proof : model.membership()) {
                boolean member = MembershipViews.toProof(proof).verify(decode(proof.commitment()), decode(model.lineageRoot()));
                if (member && mustBeAbsent) {
                    throw new VerificationException(io.lethe.verifier.Failure.WRONG_LEAF, "model " + model.modelId()
                            + " version " + model.versionAfter() + " still holds a record under " + model.guarantee());
                }
                absent += member ? 0 : 1;
            }
            checks.add("model " + model.modelId() + " (" + model.guarantee() + "): " + absent + " of "
                    + model.membership().size() + " records proven absent from version " + model.versionAfter());
        }
        return new Report(checks);
    }

    /**
     * Over the certificate's RFC 8785 bytes; a certificate issued by Lethe 0.2 was signed over its legacy
     * canonical bytes instead, which encode the same JSON value, so either verifies it.
     */
    private static boolean signatureVerifies(SignedErasureCertificate signed, NoteVerifier logKey) {
        byte[] signature = decode(signed.signature());
        return logKey.verifies(CanonicalJson.bytes(signed.certificate()), signature)
                || logKey.verifies(CanonicalJson.legacyBytes(signed.certificate()), signature);
    }

    /** The trusted key the certificate names as its signer. */
    private static NoteVerifier signingKey(SignedErasureCertificate signed, TrustedKeys logKeys)
            throws VerificationException {
        for (NoteVerifier key : logKeys.keys()) {
            if (key.keyName().equals(signed.keyName()) && Arrays.equals(key.publicKey(), decode(signed.publicKey()))) {
                return key;
            }
        }
        throw new VerificationException(io.lethe.verifier.Failure.NO_MATCHING_SIGNATURE,
                "the certificate was not signed with a trusted log key");
    }

    /** The leaf must be the ErasureCompleted event of this very erasure. */
    private static void requireCompletionOf(ErasureCertificate c, byte[] leafInput) throws VerificationException {
        try {
            JsonNode leaf = Json.mapper().readTree(leafInput);
            if (!"lethe.ErasureCompleted".equals(leaf.path("eventType").asText())
                    || !c.erasureId().equals(leaf.path("data").path("erasureId").asText())) {
                throw new VerificationException(io.lethe.verifier.Failure.WRONG_LEAF,
                        "the logged leaf is not the completion of erasure " + c.erasureId());
            }
        } catch (IOException e) {
            throw new VerificationException(io.lethe.verifier.Failure.WRONG_LEAF, "the logged leaf is not JSON");
        }
    }

    private static byte[] decode(String base64) {
        return Base64.getDecoder().decode(base64);
    }
}
