package io.lethe.command.intake;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

class FailuresTest {

    @Test
    void aLostConnectionOrADeadlockIsOursAndRetried() {
        assertThat(Failures.isInfrastructure(new IllegalStateException(new SQLTransientConnectionException("pool"))))
                .isTrue();
        assertThat(Failures.isInfrastructure(new RuntimeException(new SQLException("gone", "08006")))).isTrue();
        assertThat(Failures.isInfrastructure(new RuntimeException(new SQLException("deadlock", "40P01")))).isTrue();
        assertThat(Failures.isInfrastructure(new RuntimeException(new SQLException("shutdown", "57P01")))).isTrue();
        assertThat(Failures.isInfrastructure(new org.axonframework.modelling.command.ConcurrencyException(
                "another command-side instance appended first"))).as("optimistic-lock conflict").isTrue();
    }

    @Test
    void badDataOrABugIsTheCommandsAndNotRetried() {
        assertThat(Failures.isInfrastructure(new RuntimeException(new SQLException("NUL", "22021")))).isFalse();
        assertThat(Failures.isInfrastructure(new RuntimeException(new SQLException("too long", "22001")))).isFalse();
        assertThat(Failures.isInfrastructure(new NullPointerException("bug"))).isFalse();
    }
}
