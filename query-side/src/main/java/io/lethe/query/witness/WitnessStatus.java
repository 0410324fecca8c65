package io.lethe.query.witness;

import java.time.Instant;

/**
 * What the log knows of one witness, as {@code GET /api/log/witnesses} and the dashboard show it.
 *
 * @param name                its cosigner name
 * @param url                 where checkpoints are posted
 * @param vkey                its key, to put in a policy
 * @param cosignedSize        the size of the latest checkpoint it cosigned for us (-1 if none since start)
 * @param cosignedAt          its cosignature's timestamp
 * @param upToDate            whether it cosigned the log's latest checkpoint
 * @param consecutiveFailures submissions that failed in a row
 * @param lastError           why the last submission failed, if it did
 * @param nextAttemptAt       when a failed submission is retried
 * @param fork                the witness's report of a checkpoint contradicting one it cosigned, if any
 */
public record WitnessStatus(String name, String url, String vkey, long cosignedSize, Instant cosignedAt,
                            boolean upToDate, int consecutiveFailures, String lastError, Instant nextAttemptAt,
                            String fork) {
}
