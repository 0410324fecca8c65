/**
 * The offline audit bundle: {@code lethe audit export} writes everything an auditor needs to check the ledger
 * into one JSON Lines file, and {@code lethe audit verify} checks it with no database and no server.
 */
package io.lethe.app.audit;
