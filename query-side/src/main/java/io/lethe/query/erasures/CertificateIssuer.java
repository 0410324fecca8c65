package io.lethe.query.erasures;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.lethe.api.ErrorCode;
import io.lethe.api.Json;
import io.lethe.api.LetheException;
import io.lethe.verifier.certificates.ErasureCertificate;
import io.lethe.verifier.certificates.SignedErasureCertificate;
import io.lethe.api.cloudevents.CanonicalJson;
import io.lethe.api.views.ErasureView;
import io.lethe.api.views.MembershipView;
import io.lethe.query.log.LeafEntry;
import io.lethe.query.log.StoredCheckpoint;
import io.lethe.query.log.TransparencyLog;
import io.lethe.query.versions.LineageProofs;
import io.lethe.query.versions.VersionQueries;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Issues the signed certificate of a completed erasure, once a signed checkpoint covers its
 * completion event, and freezes it: the same certificate is returned from then on.
 */
public final class CertificateIssuer {

    private final DataSource dataSource;
    private final ErasureQueries erasures;
    private final VersionQueries versions;
    private final LineageProofs proofs;
    private final TransparencyLog log;
    private final Function<StoredCheckpoint, String> checkpointNote;

    /** Certificates embedding the checkpoint as the log signed it. */
    public CertificateIssuer(DataSource dataSource, ErasureQueries erasures, VersionQueries versions,
                             LineageProofs proofs, TransparencyLog log) {
        this(dataSource, erasures, versions, proofs, log, StoredCheckpoint::note);
    }

    /**
     * @param checkpointNote the note a certificate embeds for its covering checkpoint: with witnesses, the
     *                       checkpoint with the cosignatures held when the certificate is issued, so a verifier
     *                       can hold the certificate to a witness policy with nothing else
     */
    public CertificateIssuer(DataSource dataSource, ErasureQueries erasures, VersionQueries versions,
                             LineageProofs proofs, TransparencyLog log,
                             Function<StoredCheckpoint, String> checkpointNote) {
        this.dataSource = dataSource;
        this.erasures = erasures;
        this.versions = versions;
        this.proofs = proofs;
        this.log = log;
        this.checkpointNote = checkpointNote;
    }

    public SignedErasureCertificate certificate(String erasureId) {
        ErasureView erasure = erasures.find(erasureId).orElseThrow(
                () -> new LetheException(ErrorCode.NOT_FOUND, "erasure " + erasureId + " not found"));
        return stored(erasure.erasureId()).orElseGet(() -> issue(erasure));
    }

    private synchronized SignedErasureCertificate issue(ErasureView erasure) {
        String eventId = erasures.completionEvent(erasure.erasureId()).orElseThrow(() -> notReady(
                "erasure " + erasure.erasureId() + " is " + erasure.status() + ", not completed"));
        LeafEntry leaf = log.entry(eventId).orElseThrow(() -> notReady("the completion is not in the log yet"));
        StoredCheckpoint checkpoint = log.latestCheckpoint().filter(cp -> cp.treeSize() > leaf.index())
                .orElseThrow(() -> notReady("no signed checkpoint covers the completion yet"));
        ErasureCertificate certificate = new ErasureCertificate(ErasureCertificate.TYPE, erasure.erasureId(),
                erasure.subjectId(), erasure.requestedBy(), String.valueOf(erasure.receivedAt()),
                String.valueOf(erasure.dueAt()), String.valueOf(erasure.completedAt()), models(erasure),
                b64(leaf.leafInput()), leaf.index(), checkpointNote.apply(checkpoint),
                log.inclusionProof(leaf.index(), checkpoint.treeSize()).stream().map(CertificateIssuer::b64).toList());
        SignedErasureCertificate signed = new SignedErasureCertificate(certificate, log.publicKey().keyName(),
                b64(log.publicKey().publicKey()), b64(log.signDetached(CanonicalJson.bytes(certificate))));
        store(signed);
        return signed;
    }

    /** Per model: the versions, the guarantee, and a membership proof of every record of the subject after. */
    private List<ErasureCertificate.ModelCertificate> models(ErasureView erasure) {
        List<String> records = versions.commitmentsOfSubject(erasure.subjectId());
        List<ErasureCertificate.ModelCertificate> models = new ArrayList<>();
        for (ErasureView.ModelErasure model : erasure.models()) {
            if (model.versionAfter() == null) {
                models.add(new ErasureCertificate.ModelCertificate(model.modelId(), "NOT_AFFECTED",
                        model.versionBefore(), null, null, null, null, model.metrics(), List.of()));
                continue;
            }
            VersionQueries.Lineage lineage = versions.lineage(model.modelId(), model.versionAfter())
                    .orElseThrow(() -> notReady("version " + model.versionAfter() + " of " + model.modelId()));
            String digest = versions.find(model.modelId(), model.versionAfter()).map(v -> v.digest()).orElse(null);
            List<MembershipView> membership = records.stream().map(r -> proofs.prove(lineage, r)).toList();
            models.add(new ErasureCertificate.ModelCertificate(model.modelId(), model.guarantee(),
                    model.versionBefore(), model.versionAfter(), digest, lineage.root(),
                    lineage.commitments().size(), model.metrics(), membership));
        }
        return models;
    }

    private Optional<SignedErasureCertificate> stored(String erasureId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT certificate FROM query.certificates WHERE erasure_id = ?")) {
            s.setString(1, erasureId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(Json.mapper().readValue(rs.getString(1), SignedErasureCertificate.class))
                        : Optional.empty();
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot read the certificate of " + erasureId, e);
        }
    }

    private void store(SignedErasureCertificate signed) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO query.certificates (erasure_id, certificate) VALUES (?, ?::jsonb) ON CONFLICT DO NOTHING")) {
            s.setString(1, signed.certificate().erasureId());
            s.setString(2, Json.mapper().writeValueAsString(signed));
            s.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("cannot store a certificate", e);
        }
    }

    private static LetheException notReady(String why) {
        return new LetheException(ErrorCode.NOT_READY, "certificate not ready: " + why);
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
