package io.lethe.command.intake;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/** Tells a failure of our infrastructure (retry the command) from a command that can never succeed. */
final class Failures {

    /**
     * SQLSTATE classes that say nothing about the command: connection (08), transaction rollback such as
     * a deadlock or serialization failure (40), insufficient resources (53), object not in prerequisite
     * state such as a lock timeout (55), operator intervention such as a shutdown (57).
     */
    private static final Set<String> TRANSIENT_SQL_CLASSES = Set.of("08", "40", "53", "55", "57");

    private Failures() {
    }

    static boolean isInfrastructure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException || t instanceof IOException
                    || t instanceof org.apache.kafka.common.KafkaException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                return state == null || state.length() < 2 || TRANSIENT_SQL_CLASSES.contains(state.substring(0, 2));
            }
        }
        return false;
    }
}
