package io.lethe.witness;

import io.lethe.verifier.Checkpoint;

import java.util.Base64;

/**
 * Evidence that a log signed two views that cannot both be true: the checkpoint the witness cosigned and a
 * correctly signed checkpoint that contradicts it (the same size with another root, or a larger size whose proof
 * does not extend the held one).
 *
 * @param held      the checkpoint the witness had cosigned
 * @param submitted the contradicting checkpoint
 */
public record Fork(Checkpoint held, Checkpoint submitted) {

    /** @return one line naming the origin, both sizes and both roots */
    public String describe() {
        return "fork of " + held.origin() + ": cosigned size " + held.treeSize() + " root " + root(held)
                + ", submitted size " + submitted.treeSize() + " root " + root(submitted);
    }

    private static String root(Checkpoint checkpoint) {
        return Base64.getEncoder().encodeToString(checkpoint.rootHash());
    }
}
