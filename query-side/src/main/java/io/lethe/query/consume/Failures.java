package io.lethe.query.consume;

import io.lethe.api.Transience;
import org.apache.kafka.common.KafkaException;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/** The database or the broker away (retry the batch), or an event that will fail the same way every time. */
final class Failures {

    private Failures() {
    }

    static boolean isTransient(Throwable failure) {
        return Transience.isTransient(failure, Failures::sqlState, KafkaException.class, SQLTransientException.class,
                SQLRecoverableException.class);
    }

    private static String sqlState(Throwable t) {
        return t instanceof SQLException sql ? java.util.Objects.requireNonNullElse(sql.getSQLState(), "") : null;
    }
}
