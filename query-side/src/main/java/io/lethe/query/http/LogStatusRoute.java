package io.lethe.query.http;

import io.javalin.Javalin;
import io.lethe.verifier.Checkpoint;
import io.lethe.verifier.TrustedKeys;
import io.lethe.verifier.VerificationException;
import io.lethe.api.views.LogStatusView;
import io.lethe.query.log.LogKey;
import io.lethe.query.log.StoredCheckpoint;
import io.lethe.query.log.TransparencyLog;

import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * {@code GET /api/log/status} (public, like the rest of the log): the log's size and whether the latest checkpoint
 * verifies, checked with the same {@code api} verifier an auditor uses, so the dashboard shows a real check and not
 * a stored flag.
 */
final class LogStatusRoute {

    static final String PATH = "/api/log/status";

    private LogStatusRoute() {
    }

    static void register(Javalin app, TransparencyLog log) {
        app.get(PATH, ctx -> {
            // Read the size first: the checkpoint is signed at a size the log had already reached.
            long size = log.size();
            ctx.json(check(size, log.latestCheckpoint(), trusted(log), log.publicKey().keyName(), log::root));
        });
    }

    /** The whole key history: the latest checkpoint may predate a rotation. */
    private static TrustedKeys trusted(TransparencyLog log) {
        return new TrustedKeys(log.keyHistory().stream().map(LogKey::verifier).toList());
    }

    /**
     * @param size    the log's size now
     * @param latest  the latest stored checkpoint
     * @param keys    the log's public keys (its key history)
     * @param keyName the log's key name, also its origin
     * @param rootAt  the stored tree's root at a size
     */
    static LogStatusView check(long size, Optional<StoredCheckpoint> latest, TrustedKeys keys, String keyName,
                               LongFunction<byte[]> rootAt) {
        if (latest.isEmpty()) {
            return new LogStatusView(size, null, false, "no checkpoint has been signed yet");
        }
        StoredCheckpoint stored = latest.get();
        String problem = null;
        boolean signatureValid = false;
        boolean rootMatches = false;
        try {
            Checkpoint checkpoint = keys.verifyCheckpoint(stored.note(), keyName);
            signatureValid = true;
            rootMatches = checkpoint.treeSize() <= size
                    && Arrays.equals(checkpoint.rootHash(), rootAt.apply(checkpoint.treeSize()));
            if (!rootMatches) {
                problem = "the checkpoint's root differs from the stored tree's root at size " + checkpoint.treeSize();
            }
        } catch (VerificationException e) {
            problem = "the checkpoint does not verify: " + e.getMessage();
        }
        LogStatusView.Checkpoint view = new LogStatusView.Checkpoint(stored.treeSize(),
                Base64.getEncoder().encodeToString(stored.rootHash()), stored.createdAt(), keyName,
                signatureValid, rootMatches, Math.max(0, size - stored.treeSize()));
        return new LogStatusView(size, view, signatureValid && rootMatches, problem);
    }
}
