/**
 * The log's side of witness cosigning: every new checkpoint goes to the configured C2SP tlog-witnesses
 * ({@code LETHE_WITNESSES}), with the consistency proof from the size each last cosigned; their cosignatures are
 * served with the checkpoint, and their state in {@code /health}, {@code /metrics} and the dashboard.
 */
package io.lethe.query.witness;
