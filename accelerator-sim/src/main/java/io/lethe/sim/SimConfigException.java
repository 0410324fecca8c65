package io.lethe.sim;

/**
 * A configuration value the simulator cannot work with. {@link #field()} names the offending field
 * (for example {@code rank}, {@code tileRows}, {@code preset}, {@code sramCapacityBytes}) so that callers
 * can map it to an error code without parsing the message.
 */
public final class SimConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;
    private final String field;

    public SimConfigException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** The name of the configuration field that is invalid. */
    public String field() {
        return field;
    }

    /** Fails with a {@link SimConfigException} naming {@code field} unless {@code value > 0}. */
    public static int requirePositive(String field, int value) {
        if (value <= 0) {
            throw new SimConfigException(field, "must be positive, was " + value);
        }
        return value;
    }

    /** Fails with a {@link SimConfigException} naming {@code field} unless {@code value > 0}. */
    public static double requirePositive(String field, double value) {
        if (!(value > 0)) {
            throw new SimConfigException(field, "must be positive, was " + value);
        }
        return value;
    }

    /** Fails with a {@link SimConfigException} naming {@code field} unless {@code value >= 0}. */
    public static double requireNonNegative(String field, double value) {
        if (!(value >= 0)) {
            throw new SimConfigException(field, "must be zero or positive, was " + value);
        }
        return value;
    }
}
