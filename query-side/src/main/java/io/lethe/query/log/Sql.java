package io.lethe.query.log;

import java.sql.Connection;
import java.sql.SQLException;

/** Small JDBC helpers: SQLException becomes {@link LogStorageException}; optional own transaction. */
final class Sql {

    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }

    private Sql() {
    }

    static <T> T run(String what, Work<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new LogStorageException("could not " + what + ": " + e.getMessage(), e);
        }
    }

    /** Runs in the caller's transaction if there is one, else in a transaction of its own. */
    static <T> T inTransaction(Connection connection, Work<T> work) throws SQLException {
        if (!connection.getAutoCommit()) {
            return work.run();
        }
        connection.setAutoCommit(false);
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }
}
