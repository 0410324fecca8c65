package io.lethe.api;

import java.io.IOException;
import java.util.Set;
import java.util.function.Function;

/**
 * Tells a failure of our infrastructure, which may pass (retry it after a back-off), from a failure the
 * same input will meet every time (stop retrying, dead-letter it). Every consumer classifies with this.
 * The api knows no JDBC or Kafka: each service passes how to read a JDBC failure's SQLSTATE and which of
 * its clients' exception types mean "infrastructure".
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
     * @param sqlStateOf    a JDBC failure's SQLSTATE ({@code ""} when it has none), {@code null} for any other throwable
     * @param alsoTransient exception types that always mean "infrastructure", e.g. the Kafka client's
     *                      {@code KafkaException} or JDBC's {@code SQLTransientException}
     */
    @SafeVarargs
    public static boolean isTransient(Throwable failure, Function<Throwable, String> sqlStateOf,
                                      Class<? extends Throwable>... alsoTransient) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof com.fasterxml.jackson.core.JsonProcessingException) {
                return false; // an IOException by type, but about the bytes read, not about a connection
            }
            if (t instanceof IOException || isAny(t, alsoTransient)) {
                return true;
            }
            String state = sqlStateOf.apply(t);
            if (state != null) {
                return state.length() < 2 || TRANSIENT_SQL_CLASSES.contains(state.substring(0, 2));
            }
        }
        return false;
    }

    private static boolean isAny(Throwable t, Class<? extends Throwable>[] types) {
        for (Class<? extends Throwable> type : types) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
