/**
 * {@code lethe witness}: a C2SP tlog-witness (https://c2sp.org/tlog-witness) that cosigns a log's checkpoints only
 * when each is consistent with the last one it cosigned, so a log cannot show two auditors two different histories
 * without one of its witnesses refusing. Depends on the verifier only, never on the log's servers or database.
 */
package io.lethe.witness;
