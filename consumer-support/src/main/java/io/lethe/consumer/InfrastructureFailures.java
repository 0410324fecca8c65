package io.lethe.consumer;

import io.lethe.api.Transience;
import org.apache.kafka.common.KafkaException;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Tells the database or the broker away (retry) from input that will fail the same way every time, for the
 * services' consumer loops: {@link Transience}'s rules with the SQLSTATEs of JDBC and Kafka's own exceptions.
 */
public final class InfrastructureFailures {

    private InfrastructureFailures() {
    }

    /**
     * @param alsoTransient failure types a caller also retries (the command side: an optimistic-lock conflict)
     */
    @SafeVarargs
    public static boolean isTransient(Throwable failure, Class<? extends Throwable>... alsoTransient) {
        Class<?>[] types = Stream.concat(Stream.of(KafkaException.class, SQLTransientException.class,
                SQLRecoverableException.class), Stream.of(alsoTransient)).toArray(Class<?>[]::new);
        @SuppressWarnings("unchecked")
        Class<? extends Throwable>[] transientTypes = (Class<? extends Throwable>[]) types;
        return Transience.isTransient(failure, InfrastructureFailures::sqlState, transientTypes);
    }

    private static String sqlState(Throwable t) {
        return t instanceof SQLException sql ? Objects.requireNonNullElse(sql.getSQLState(), "") : null;
    }
}
