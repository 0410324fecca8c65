package io.lethe.app.verify;

import io.lethe.verifier.Checkpoint;
import io.lethe.verifier.VerificationException;
import io.lethe.verifier.WitnessPolicy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;

/**
 * {@code lethe verify --witness-policy}: the checkpoint the query side serves with its witnesses' cosignatures
 * ({@code GET /checkpoint}) must satisfy the policy, and must be one of the checkpoints in the database being
 * replayed (same size, same root). A log that showed the witnesses one history and keeps another fails here.
 */
public final class WitnessedCheckpoint {

    private WitnessedCheckpoint() {
    }

    /**
     * The outcome, as one line for the report.
     *
     * @param ok   whether the policy is met and the database agrees
     * @param line what was checked, or what failed
     */
    public record Result(boolean ok, String line) {
    }

    /** @return the cosigned checkpoint note served at {@code <baseUrl>/checkpoint} */
    public static String fetch(String baseUrl) throws IOException, InterruptedException {
        String base = baseUrl.replaceFirst("/+$", "");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/checkpoint"))
                .timeout(Duration.ofSeconds(30)).GET().build();
        HttpResponse<String> response = client.send(request,
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IOException("GET " + request.uri() + " answered " + response.statusCode());
        }
        return response.body();
    }

    /** Checks {@code note} against {@code policy} and against the database's checkpoint at the same size. */
    public static Result check(String note, WitnessPolicy policy, String origin, Connection db) throws SQLException {
        WitnessPolicy.Accepted accepted;
        try {
            accepted = policy.verify(note, origin);
        } catch (VerificationException e) {
            return new Result(false, "witness policy: FAIL " + e.getMessage());
        }
        Checkpoint checkpoint = accepted.checkpoint();
        byte[] stored = storedRoot(db, checkpoint.treeSize());
        String summary = "checkpoint at size " + checkpoint.treeSize() + " cosigned by " + accepted.cosigners();
        if (stored == null) {
            return new Result(false, "witness policy: FAIL " + summary + ", but the database holds no checkpoint"
                    + " at that size");
        }
        if (!Arrays.equals(stored, checkpoint.rootHash())) {
            return new Result(false, "witness policy: FAIL " + summary + " has root "
                    + b64(checkpoint.rootHash()) + ", the database's checkpoint at that size has root " + b64(stored));
        }
        return new Result(true, "witness policy: ok, " + summary + ", the same as the database's");
    }

    private static byte[] storedRoot(Connection db, long treeSize) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(
                "SELECT root_hash FROM query.log_checkpoints WHERE tree_size = ?")) {
            s.setLong(1, treeSize);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? rows.getBytes(1) : null;
            }
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
