package io.lethe.query.http;

import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * A background part that may run and still need attention: {@code /health} shows it {@code DEGRADED}
 * (HTTP 200, it still serves) with the reason, e.g. events it dead-lettered.
 */
public interface DegradablePart extends BooleanSupplier {

    /** Why the part needs attention, while it runs; empty when all is well. */
    Optional<String> degradation();
}
