package io.lethe.api;

import com.fasterxml.jackson.core.JsonParseException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class TransienceTest {

    /** A JDBC-free stand-in: the SQLSTATE is the message of a {@link StateFailure}. */
    private static final class StateFailure extends RuntimeException {
        StateFailure(String state) {
            super(state);
        }
    }

    private static final Function<Throwable, String> STATE = t -> t instanceof StateFailure f ? f.getMessage() : null;

    @Test
    void aConnectionOrADeadlockMayPassButAConstraintOrUnreadableBytesWillNot() {
        assertThat(Transience.isTransient(new IllegalStateException(new StateFailure("08006")), STATE)).isTrue();
        assertThat(Transience.isTransient(new StateFailure("40P01"), STATE)).as("deadlock").isTrue();
        assertThat(Transience.isTransient(new StateFailure(""), STATE)).as("no SQLSTATE: assume ours").isTrue();
        assertThat(Transience.isTransient(new IOException("connection reset"), STATE)).isTrue();
        assertThat(Transience.isTransient(new StateFailure("23502"), STATE)).as("not null").isFalse();
        assertThat(Transience.isTransient(new IllegalArgumentException("unreadable",
                new JsonParseException(null, "bad token")), STATE)).as("Jackson's IOException is about bytes").isFalse();
        assertThat(Transience.isTransient(new IllegalArgumentException("bad"), STATE)).isFalse();
        assertThat(Transience.isTransient(new IllegalArgumentException("x", new UnsupportedOperationException()),
                STATE, UnsupportedOperationException.class)).isTrue();
    }
}
