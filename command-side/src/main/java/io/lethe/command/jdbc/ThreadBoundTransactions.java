package io.lethe.command.jdbc;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.ConnectionWrapperFactory;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;

/**
 * One JDBC transaction per thread, shared by Axon (event store, token store) and our own SQL.
 *
 * <p>Why: a command's idempotency record and its events, and a publisher batch's leaf indexes and
 * its tracking token, must commit or roll back together. Axon asks the {@link ConnectionProvider}
 * for a connection for each statement; inside a transaction we hand out the thread's connection,
 * wrapped so that Axon's {@code close()} does not end it.
 *
 * <p>A transaction started inside another one is a savepoint: the command intake runs a whole
 * Kafka batch in one transaction (one commit, one fsync) and each command in a savepoint of it, so
 * a rejected command rolls back alone.
 */
public final class ThreadBoundTransactions implements TransactionManager, ConnectionProvider {

    private final DataSource dataSource;
    private final ThreadLocal<Connection> current = new ThreadLocal<>();

    public ThreadBoundTransactions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Transaction startTransaction() {
        if (current.get() != null) {
            return savepoint(current.get());
        }
        Connection connection = open();
        current.set(connection);
        return new Transaction() {
            @Override
            public void commit() {
                finish(connection, true);
            }

            @Override
            public void rollback() {
                finish(connection, false);
            }
        };
    }

    /**
     * The same transactions for infrastructure that only needs to join one (event storage, token
     * store): inside a transaction it adds no savepoint, saving two round trips per statement group;
     * a failure still rolls back the enclosing command's savepoint.
     */
    public TransactionManager joining() {
        return () -> current.get() != null ? JOINED : startTransaction();
    }

    /** The thread's transactional connection, or a fresh auto-commit one outside a transaction. */
    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = current.get();
        if (connection == null) {
            return dataSource.getConnection();
        }
        return ConnectionWrapperFactory.wrap(connection, TRANSACTION_DECIDES);
    }

    private Connection open() {
        try {
            Connection connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            return connection;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open a database transaction", e);
        }
    }

    private void finish(Connection connection, boolean commit) {
        current.remove();
        try (connection) {
            if (commit) {
                connection.commit();
            } else {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot " + (commit ? "commit" : "roll back") + " a transaction", e);
        }
    }

    /** Axon's close() and commit() on a shared connection are ignored: the transaction ends it. */
    private static final ConnectionWrapperFactory.ConnectionCloseHandler TRANSACTION_DECIDES =
            new ConnectionWrapperFactory.ConnectionCloseHandler() {
                @Override
                public void close(Connection connection) {
                }

                @Override
                public void commit(Connection connection) {
                }
            };

    private static final Transaction JOINED = new Transaction() {
        @Override
        public void commit() {
        }

        @Override
        public void rollback() {
        }
    };

    private static Transaction savepoint(Connection connection) {
        Savepoint savepoint;
        try {
            savepoint = connection.setSavepoint();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set a savepoint", e);
        }
        return new Transaction() {
            @Override
            public void commit() {
                try {
                    connection.releaseSavepoint(savepoint);
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot release a savepoint", e);
                }
            }

            @Override
            public void rollback() {
                try {
                    connection.rollback(savepoint);
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot roll back to a savepoint", e);
                }
            }
        };
    }
}
