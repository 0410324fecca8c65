package io.lethe.api;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Tells a failure of our infrastructure, which may pass (retry it after a back-off), from a failure the
 * same input will meet every time (stop retrying, dead-letter it). Every consumer classifies with this.
 */
public final class Transience {

    /**
     * SQLSTATE classes that say nothing about the input: connection (08), transaction rollback such as a
     * deadlock or serialization failure (40), insufficient resources (53), object not in prerequisite
     * state such as a lock timeout (55), operator intervention such as a shutdown (57).
     */
    private static final Set<String> TRANSIENT_SQL_CLASSES = Set.of("08", "40", "53", "55", "57");

    private Transience() {
    }

    /**
     * @param alsoTransient further exception types that mean "infrastructure", e.g. the Kafka client's
     *                      {@code KafkaException} for a module that has it
     */
    @SafeVarargs
    public static boolean isTransient(Throwable failure, Class<? extends Throwable>... alsoTransient) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof com.fasterxml.jackson.core.JsonProcessingException) {
                return false; // an IOException by type, but about the bytes read, not about a connection
            }
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException || t instanceof IOException) {
                return true;
            }
            for (Class<? extends Throwable> type : alsoTransient) {
                if (type.isInstance(t)) {
                    return true;
                }
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                return state == null || state.length() < 2 || TRANSIENT_SQL_CLASSES.contains(state.substring(0, 2));
            }
        }
        return false;
    }
}
