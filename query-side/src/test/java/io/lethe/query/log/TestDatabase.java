package io.lethe.query.log;

import io.lethe.migrations.Migrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** One embedded PostgreSQL per test JVM with every Flyway migration applied; tables emptied per test. */
public final class TestDatabase {

    private static DataSource dataSource;

    private TestDatabase() {
    }

    public static synchronized DataSource dataSource() {
        if (dataSource == null) {
            try {
                EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        postgres.close();
                    } catch (IOException ignored) {
                        // The JVM is exiting; the temporary cluster directory is removed anyway.
                    }
                }));
                dataSource = postgres.getPostgresDatabase();
                Migrations.migrate(dataSource);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dataSource;
    }

    /** Empties the transparency-log tables so every test starts from an empty log. */
    public static void truncateLogTables() throws SQLException {
        try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE query.log_leaves, query.log_nodes, query.log_cosignatures, query.log_checkpoints, query.log_keys");
        }
    }
}
