package io.lethe.query.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.lethe.api.ErrorCode;
import io.lethe.api.LetheException;
import io.lethe.verifier.TilePath;
import io.lethe.query.log.LeafEntry;
import io.lethe.query.log.TransparencyLog;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The C2SP tlog-tiles read API beside {@code /checkpoint} (in {@link LogRoutes}): {@code /tile/<L>/<N>[.p/<W>]}
 * serves 8-level hash tiles and {@code /tile/entries/<N>[.p/<W>]} entry bundles, so standard transparency tooling
 * can read and verify the log without Lethe's JSON API. Both are immutable once the log holds their leaves.
 */
final class TileRoutes {

    private static final String IMMUTABLE = "public, max-age=31536000, immutable";
    private static final int MAX_ENTRY_BYTES = 0xFFFF;

    private TileRoutes() {
    }

    static void register(Javalin app, TransparencyLog log) {
        app.get("/tile/<path>", ctx -> serve(ctx, log));
    }

    private static void serve(Context ctx, TransparencyLog log) {
        TilePath tile = TilePath.parse(ctx.pathParam("path"))
                .orElseThrow(() -> new LetheException(ErrorCode.NOT_FOUND, "not a tile path: " + ctx.path()));
        byte[] body;
        try {
            body = tile.entries() ? bundle(log, tile) : hashes(log, tile);
        } catch (IllegalArgumentException e) {
            // A tile the log does not (yet) hold; empty tiles are never served.
            throw new LetheException(ErrorCode.NOT_FOUND, e.getMessage());
        }
        ctx.header("Cache-Control", IMMUTABLE).result(body);
        // tlog-tiles says application/octet-stream; the server's default UTF-8 charset means nothing for bytes.
        ctx.res().setCharacterEncoding(null);
        ctx.res().setContentType("application/octet-stream");
    }

    private static byte[] hashes(TransparencyLog log, TilePath tile) {
        List<byte[]> hashes = log.tileHashes(tile.level(), tile.index(), tile.width());
        ByteBuffer out = ByteBuffer.allocate(hashes.size() * 32);
        hashes.forEach(out::put);
        return out.array();
    }

    /** Big-endian uint16 length-prefixed leaf inputs, each hashing to the level-0 tile's hash. */
    private static byte[] bundle(TransparencyLog log, TilePath tile) {
        long start = tile.index() * TilePath.FULL_WIDTH;
        if (start + tile.width() > log.size()) {
            throw new IllegalArgumentException("the log has no entries " + start + ".." + (start + tile.width()));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (LeafEntry entry : log.entries(start, start + tile.width())) {
            byte[] input = entry.leafInput();
            if (input.length > MAX_ENTRY_BYTES) {
                throw new IllegalStateException("leaf " + entry.index() + " is longer than an entry bundle allows");
            }
            out.write(input.length >> 8);
            out.write(input.length & 0xFF);
            out.writeBytes(input);
        }
        return out.toByteArray();
    }
}
