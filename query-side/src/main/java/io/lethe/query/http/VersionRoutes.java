package io.lethe.query.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.lethe.api.ErrorCode;
import io.lethe.api.LetheException;
import io.lethe.crypto.ledger.LedgerSecret;
import io.lethe.api.views.ExposureView;
import io.lethe.api.views.MembershipView;
import io.lethe.query.versions.LineageProofs;
import io.lethe.query.versions.VersionQueries;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Versions and their lineage: the version view, (non-)membership of a record, and a subject's
 * exposure across every model version. Record and subject ids are turned into commitments and
 * pseudonyms with the ledger secret; they are never stored or logged here.
 */
final class VersionRoutes {

    private VersionRoutes() {
    }

    static void register(Javalin app, VersionQueries versions, LineageProofs proofs, LedgerSecret secret) {
        app.get("/api/models/{modelId}/versions/{version}", ctx -> ctx.json(
                versions.find(ctx.pathParam("modelId"), version(ctx)).orElseThrow(() -> unknownVersion(ctx))));
        app.get("/api/models/{modelId}/versions/{version}/membership", ctx -> {
            String recordId = ctx.queryParam("recordId");
            if (recordId == null || recordId.isBlank()) {
                throw new LetheException(ErrorCode.BAD_REQUEST, "recordId is required");
            }
            VersionQueries.Lineage lineage = versions.lineage(ctx.pathParam("modelId"), version(ctx))
                    .orElseThrow(() -> unknownVersion(ctx));
            ctx.json(proofs.prove(lineage, secret.recordCommitment(recordId)));
        });
        app.get("/api/subjects/{subjectId}/exposure", ctx -> {
            String pseudonym = secret.subjectPseudonym(ctx.pathParam("subjectId"));
            List<ExposureView.ExposedVersion> exposed = new ArrayList<>();
            for (Map.Entry<VersionQueries.Lineage, List<String>> entry : versions.exposure(pseudonym).entrySet()) {
                VersionQueries.Lineage lineage = entry.getKey();
                List<MembershipView> records = entry.getValue().stream().map(c -> proofs.prove(lineage, c)).toList();
                exposed.add(new ExposureView.ExposedVersion(lineage.modelId(), lineage.version(), lineage.deployed(),
                        lineage.root(), records));
            }
            ctx.json(new ExposureView(pseudonym, versions.recordCountOfSubject(pseudonym), exposed));
        });
    }

    private static int version(Context ctx) {
        try {
            return Integer.parseInt(ctx.pathParam("version"));
        } catch (NumberFormatException e) {
            throw new LetheException(ErrorCode.BAD_REQUEST, "version must be a number");
        }
    }

    private static LetheException unknownVersion(Context ctx) {
        return new LetheException(ErrorCode.UNKNOWN_VERSION, "model " + ctx.pathParam("modelId")
                + " has no completed version " + ctx.pathParam("version"));
    }
}
