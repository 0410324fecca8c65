package io.lethe.app.audit;

/** Told how far the long part of an export or a verification is (the entries). */
@FunctionalInterface
public interface Progress {

    /** Nothing shown (tests). */
    Progress NONE = (what, done, total) -> { };

    void update(String what, long done, long total);
}
