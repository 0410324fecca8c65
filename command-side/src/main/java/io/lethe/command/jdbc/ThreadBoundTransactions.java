package io.lethe.command.jdbc;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.ConnectionWrapperFactory;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * One JDBC transaction per thread, shared by Axon (event store, token store) and our own SQL.
 *
 * <p>Why: a command's idempotency record and its events, and a publisher batch's leaf indexes and
 * its tracking token, must commit or roll back together. Axon asks the {@link ConnectionProvider}
 * for a connection for each statement; inside a transaction we hand out the thread's connection,
 * wrapped so that Axon's {@code close()} does not end it.
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
            return NESTED;
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

    /** An inner transaction joins the outer one: the outer one decides. */
    private static final Transaction NESTED = new Transaction() {
        @Override
        public void commit() {
        }

        @Override
        public void rollback() {
        }
    };
}
