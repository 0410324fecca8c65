package io.lethe.api.jobs;

/** A trained component as the worker stored it: the SHA-256 digest of its canonical quantised weights. */
public record ComponentResult(String componentId, String weightsDigest) {
}
