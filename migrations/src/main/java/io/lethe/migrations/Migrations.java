package io.lethe.migrations;

import org.flywaydb.core.Flyway;

import javax.sql.DataSource;

/** Applies every schema of Lethe; nothing else creates a table. */
public final class Migrations {

    private Migrations() {
    }

    /** Migrates the database to the latest version and returns how many migrations ran. */
    public static int migrate(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .schemas("public")
                .createSchemas(false)
                .load()
                .migrate()
                .migrationsExecuted;
    }
}
