package io.lethe.worker.job;

/** A value on {@code lethe.jobs} that no retry can turn into a job: dead-lettered at once. */
public final class PoisonJobException extends Exception {

    public PoisonJobException(String message) {
        super(message);
    }
}
