package io.lethe.witness;

import io.lethe.verifier.Checkpoint;
import io.lethe.verifier.MerkleProofs;
import io.lethe.verifier.NoteVerifier;
import io.lethe.verifier.SignedNote;
import io.lethe.verifier.TrustedKeys;
import io.lethe.verifier.VerificationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The C2SP tlog-witness {@code add-checkpoint} decision, in the spec's order: a well-formed body (else 400), a
 * known origin (404), a valid signature by a configured log key (403), {@code old <= size} (400), {@code old}
 * equal to the size last cosigned (409 with that size), a consistency proof that verifies (422) or, at equal
 * sizes, the same root (409). Only then is the checkpoint persisted and cosigned. One request at a time: checking
 * {@code old} and storing the new size must be atomic, or a slow request could roll the witness back.
 */
public final class Witness {

    private static final Logger LOG = LoggerFactory.getLogger(Witness.class);

    private final WitnessKey key;
    private final Map<String, TrustedKeys> logs;
    private final CosignedCheckpoints state;
    private final Clock clock;
    private final Consumer<Fork> forkListener;

    private Witness(WitnessKey key, Map<String, TrustedKeys> logs, CosignedCheckpoints state, Clock clock,
                    Consumer<Fork> forkListener) {
        this.key = key;
        this.logs = Map.copyOf(logs);
        this.state = state;
        this.clock = clock;
        this.forkListener = forkListener;
    }

    /**
     * @param key          the witness's signing key
     * @param logKeys      the logs it witnesses: each key's name is the log's origin (several keys per origin
     *                     after a rotation)
     * @param stateDir     where the latest cosigned checkpoint of each origin is kept
     * @param clock        stamps cosignatures
     * @param forkListener told of every contradicting checkpoint (besides the log line and the evidence file)
     */
    public static Witness open(WitnessKey key, List<NoteVerifier> logKeys, Path stateDir, Clock clock,
                               Consumer<Fork> forkListener) throws IOException {
        Map<String, List<NoteVerifier>> byOrigin = new TreeMap<>();
        logKeys.forEach(k -> byOrigin.computeIfAbsent(k.keyName(), o -> new ArrayList<>()).add(k));
        Map<String, TrustedKeys> logs = new HashMap<>();
        byOrigin.forEach((origin, keys) -> logs.put(origin, new TrustedKeys(keys)));
        return new Witness(key, logs, CosignedCheckpoints.open(stateDir), clock, forkListener);
    }

    /** @return this witness's public key */
    public WitnessKey key() {
        return key;
    }

    /** @return the checkpoint last cosigned for {@code origin} */
    public synchronized Optional<Checkpoint> latest(String origin) {
        return state.latest(origin);
    }

    /** Handles one {@code add-checkpoint} request body. */
    public synchronized WitnessResponse addCheckpoint(String requestBody) {
        AddCheckpointRequest request;
        Checkpoint checkpoint;
        try {
            request = AddCheckpointRequest.parse(requestBody);
            checkpoint = Checkpoint.parse(SignedNote.parse(request.note()).body());
        } catch (AddCheckpointRequest.MalformedRequestException | VerificationException e) {
            return WitnessResponse.refused(400, "malformed request: " + e.getMessage());
        }
        TrustedKeys logKeys = logs.get(checkpoint.origin());
        if (logKeys == null) {
            return WitnessResponse.refused(404, "unknown log origin " + checkpoint.origin());
        }
        try {
            logKeys.verifyCheckpoint(request.note(), checkpoint.origin());
        } catch (VerificationException e) {
            return WitnessResponse.refused(403, "no valid signature by a key of " + checkpoint.origin());
        }
        return decide(request, checkpoint);
    }

    private WitnessResponse decide(AddCheckpointRequest request, Checkpoint checkpoint) {
        long oldSize = request.oldSize();
        if (oldSize > checkpoint.treeSize()) {
            return WitnessResponse.refused(400, "old size " + oldSize + " > checkpoint size " + checkpoint.treeSize());
        }
        Optional<Checkpoint> held = state.latest(checkpoint.origin());
        long heldSize = held.map(Checkpoint::treeSize).orElse(0L);
        if (oldSize != heldSize) {
            return WitnessResponse.sizeConflict(heldSize);
        }
        if (held.isPresent() && heldSize == checkpoint.treeSize()) {
            if (!Arrays.equals(held.get().rootHash(), checkpoint.rootHash())) {
                return fork(new Fork(held.get(), checkpoint), request, 409);
            }
            if (!request.proof().isEmpty()) {
                return WitnessResponse.refused(422, "equal sizes take an empty consistency proof");
            }
        } else if (oldSize == 0) {
            if (!request.proof().isEmpty()) {
                return WitnessResponse.refused(422, "the proof from old size 0 must be empty");
            }
        } else if (!consistent(held.get(), checkpoint, request.proof())) {
            return fork(new Fork(held.get(), checkpoint), request, 422);
        }
        state.save(checkpoint, request.note());
        return WitnessResponse.cosigned(key.cosign(checkpoint.body(), clock.instant().getEpochSecond()).line());
    }

    private static boolean consistent(Checkpoint held, Checkpoint next, List<byte[]> proof) {
        try {
            MerkleProofs.verifyConsistency(held.treeSize(), next.treeSize(), proof, held.rootHash(),
                    next.rootHash());
            return true;
        } catch (VerificationException e) {
            return false;
        }
    }

    /**
     * A correctly signed checkpoint that contradicts the cosigned one is evidence against the log: it is logged
     * and kept with both notes (the spec allows, and an auditor needs, exactly that), and never cosigned.
     */
    private WitnessResponse fork(Fork fork, AddCheckpointRequest request, int status) {
        LOG.error("refused to cosign: {}", fork.describe());
        state.recordFork(fork, request.note());
        forkListener.accept(fork);
        return WitnessResponse.refused(status, fork.describe());
    }
}
