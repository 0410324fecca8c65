/** The log's side of C2SP tlog-witness: submitting a checkpoint and checking the cosignature that comes back. */
package io.lethe.witness.client;
