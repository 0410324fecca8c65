package io.lethe.command.jdbc;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;

import java.sql.SQLException;

/**
 * Recognises PostgreSQL's unique violation (SQLState 23505) anywhere in the cause chain, including the
 * next-exception chain of a batch. Axon's {@code JdbcSQLErrorCodesResolver} only knows
 * {@code SQLIntegrityConstraintViolationException}, which the PostgreSQL driver never throws: a second
 * {@code RegisterModel} for an existing model then surfaced as a generic event-store failure, which the
 * intake retries for ever instead of answering {@code MODEL_ALREADY_EXISTS}.
 */
public final class PostgresDuplicateKeys implements PersistenceExceptionResolver {

    private static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLIntegrityConstraintViolationException) {
                return true;
            }
            if (t instanceof SQLException sql && isUniqueViolation(sql)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUniqueViolation(SQLException first) {
        int guard = 0;
        for (SQLException e = first; e != null && guard++ < 100; e = e.getNextException()) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
