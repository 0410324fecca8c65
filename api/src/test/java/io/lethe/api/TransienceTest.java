package io.lethe.api;

import com.fasterxml.jackson.core.JsonParseException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class TransienceTest {

    @Test
    void aConnectionOrADeadlockMayPassButAConstraintOrUnreadableBytesWillNot() {
        assertThat(Transience.isTransient(new IllegalStateException(new SQLException("gone", "08006")))).isTrue();
        assertThat(Transience.isTransient(new SQLException("deadlock", "40P01"))).isTrue();
        assertThat(Transience.isTransient(new IOException("connection reset"))).isTrue();
        assertThat(Transience.isTransient(new SQLException("not null", "23502"))).isFalse();
        assertThat(Transience.isTransient(new IllegalArgumentException("unreadable",
                new JsonParseException(null, "bad token")))).as("Jackson's IOException is about the bytes").isFalse();
        assertThat(Transience.isTransient(new IllegalArgumentException("bad"))).isFalse();
        assertThat(Transience.isTransient(new IllegalArgumentException("x", new UnsupportedOperationException()),
                UnsupportedOperationException.class)).isTrue();
    }
}
