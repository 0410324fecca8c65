package io.lethe.query.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.lethe.api.ErrorCode;
import io.lethe.api.LetheException;
import io.lethe.api.views.ConsistencyProofView;
import io.lethe.api.views.InclusionProofView;
import io.lethe.api.views.LogEntryView;
import io.lethe.api.views.LogKeyView;
import io.lethe.api.views.LogPublicKeyView;
import io.lethe.query.log.InconsistentCheckpointException;
import io.lethe.query.log.LeafEntry;
import io.lethe.query.log.LogKey;
import io.lethe.query.log.StoredCheckpoint;
import io.lethe.query.log.TransparencyLog;
import io.lethe.query.witness.WitnessCosigning;

import java.util.Base64;
import java.util.List;

/** The public transparency-log endpoints under {@code /api/log} (CONTRACT.md), plus admin-only on-demand signing. */
final class LogRoutes {

    /** Most entries one request may ask for, so a single call cannot make the server read the whole log. */
    static final int MAX_ENTRIES = 1000;
    private static final String NOTE_TYPE = "text/plain; charset=utf-8";

    private final TransparencyLog log;
    private final WitnessCosigning witnesses;
    private final BearerAuth auth;

    private LogRoutes(TransparencyLog log, WitnessCosigning witnesses, BearerAuth auth) {
        this.log = log;
        this.witnesses = witnesses;
        this.auth = auth;
    }

    static void register(Javalin app, TransparencyLog log, WitnessCosigning witnesses, BearerAuth auth) {
        LogRoutes routes = new LogRoutes(log, witnesses, auth);
        app.get("/api/log/checkpoint", routes::checkpoint);
        // C2SP tlog-tiles' checkpoint path, for standard transparency tooling.
        app.get("/checkpoint", routes::checkpoint);
        app.get("/api/log/witnesses", ctx -> ctx.json(witnesses.statuses(log.latestCheckpoint())));
        app.post("/api/log/checkpoint", routes::signNow);
        app.get("/api/log/public-key", routes::publicKey);
        app.get("/api/log/keys", routes::keys);
        app.get("/api/log/entries", routes::entries);
        app.get("/api/log/proof/inclusion", routes::inclusion);
        app.get("/api/log/proof/consistency", routes::consistency);
    }

    private void checkpoint(Context ctx) {
        StoredCheckpoint latest = log.latestCheckpoint()
                .orElseThrow(() -> new LetheException(ErrorCode.NOT_FOUND, "no checkpoint has been signed yet"));
        // Mutable: tlog-tiles asks that it not be cached beyond a few seconds.
        ctx.header("Cache-Control", "no-cache").contentType(NOTE_TYPE).result(log.cosignedNote(latest));
    }

    /** Signing is not public: anyone could otherwise fill the checkpoint table. */
    private void signNow(Context ctx) {
        auth.requireToken(ctx);
        try {
            ctx.contentType(NOTE_TYPE).result(log.signLatest().note());
        } catch (InconsistentCheckpointException e) {
            throw new LetheException(ErrorCode.INTERNAL_ERROR, "refused to sign: the log contradicts an earlier"
                    + " checkpoint");
        }
    }

    private void publicKey(Context ctx) {
        var key = log.publicKey();
        ctx.json(new LogPublicKeyView(key.keyName(), "Ed25519", base64(key.publicKey())));
    }

    /** Every key the log has signed with: old checkpoints verify against the retired ones. */
    private void keys(Context ctx) {
        ctx.json(log.keyHistory().stream().map(LogRoutes::view).toList());
    }

    private void entries(Context ctx) {
        long start = Params.nonNegative(ctx, "start");
        long end = Params.nonNegative(ctx, "end");
        if (end <= start) {
            throw Params.bad("end must be greater than start (the range is [start, end))");
        }
        if (end - start > MAX_ENTRIES) {
            throw Params.bad("at most " + MAX_ENTRIES + " entries per request; ask for [" + start + ", "
                    + (start + MAX_ENTRIES) + ") and page on");
        }
        List<LogEntryView> views = log.entries(start, end).stream().map(LogRoutes::view).toList();
        ctx.json(views);
    }

    private void inclusion(Context ctx) {
        long index = Params.nonNegative(ctx, "index");
        long size = Params.nonNegative(ctx, "size");
        if (index >= size) {
            throw Params.bad("index must be below size");
        }
        requireWithinLog(size);
        ctx.json(new InclusionProofView(index, size, base64(log.inclusionProof(index, size))));
    }

    private void consistency(Context ctx) {
        long from = Params.nonNegative(ctx, "from");
        long to = Params.nonNegative(ctx, "to");
        if (from == 0 || from > to) {
            throw Params.bad("need 0 < from <= to");
        }
        requireWithinLog(to);
        ctx.json(new ConsistencyProofView(from, to, base64(log.consistencyProof(from, to))));
    }

    private void requireWithinLog(long size) {
        long logSize = log.size();
        if (size > logSize) {
            throw Params.bad("tree size " + size + " is larger than the log (" + logSize + " leaves)");
        }
    }

    private static LogEntryView view(LeafEntry entry) {
        return new LogEntryView(entry.index(), base64(entry.leafInput()), entry.eventType(), entry.eventId());
    }

    private static LogKeyView view(LogKey key) {
        return new LogKeyView(key.verifier().keyName(), key.keyIdHex(), "Ed25519", base64(key.verifier().publicKey()),
                key.verifier().format(), key.firstUsedAt(), key.retiredAt());
    }

    private static List<String> base64(List<byte[]> hashes) {
        return hashes.stream().map(LogRoutes::base64).toList();
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
