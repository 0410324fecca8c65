package io.lethe.command.vault;

import io.lethe.api.events.SubjectKeyShreddedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Makes a shredded key disappear from PostgreSQL's files, not just from its table. {@code DELETE}
 * leaves the row's bytes in the table's heap file (a dead tuple) and in the WAL segment that logged its
 * insert, where anyone with the data directory could read the key back and open every copy of the
 * subject's sealed payloads (vault rows, Kafka log segments, replicas, backups).
 *
 * <p>After shreddings have committed (a tracking processor, once per batch of events), this rewrites the key table
 * into a new file ({@code VACUUM FULL}; PostgreSQL truncates the old one at commit), switches to a new
 * WAL segment and checkpoints, so the segments before it are removed; with {@code wal_recycle = off}
 * (set on the embedded server; see the README for external ones) they are deleted rather than renamed
 * for reuse with their old contents. It needs the rights to do so ({@code CHECKPOINT}: superuser or
 * {@code pg_checkpoint}; {@code pg_switch_wal()}: superuser or an explicit grant). Without them it logs
 * what is missing and goes on: the shredding stands, only the files keep the bytes longer.
 */
@ProcessingGroup(KeyScrubber.PROCESSING_GROUP)
public final class KeyScrubber {

    public static final String PROCESSING_GROUP = "lethe-key-scrubber";
    private static final Logger LOG = LoggerFactory.getLogger(KeyScrubber.class);
    private static final String SCRUB_SCHEDULED = "lethe.keyScrubScheduled";

    private final DataSource dataSource;

    public KeyScrubber(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Once per batch of events, just before its token commits: one rewrite and checkpoint clears every key
     * the batch's shreddings deleted (a first start after an upgrade replays all of them), and a crash before
     * the token commit scrubs again.
     */
    @EventHandler
    void on(SubjectKeyShreddedEvent event, UnitOfWork<?> unitOfWork) {
        unitOfWork.root().getOrComputeResource(SCRUB_SCHEDULED, key -> {
            unitOfWork.root().onPrepareCommit(batch -> scrub());
            return Boolean.TRUE;
        });
    }

    /** VACUUM and CHECKPOINT cannot run in a transaction: a connection of its own, in autocommit. */
    void scrub() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute("VACUUM (FULL) vault.subject_keys");
            s.execute("SELECT pg_switch_wal()");
            s.execute("CHECKPOINT");
        } catch (SQLException e) {
            LOG.warn("a shredded subject key may stay in PostgreSQL's files until they are recycled: cannot"
                    + " rewrite vault.subject_keys, switch WAL and checkpoint (SQLSTATE {}): {}", e.getSQLState(),
                    e.getMessage());
        }
    }
}
