package io.lethe.app.verify;

import java.util.ArrayList;
import java.util.List;

/** Collects failures in the order found, keeping the first few: after one bad leaf most later checks fail too. */
final class Failures {

    private static final int MAX = 20;
    private final List<String> found = new ArrayList<>();
    private int dropped;

    void add(String failure) {
        if (found.size() < MAX) {
            found.add(failure);
        } else {
            dropped++;
        }
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    List<String> list() {
        List<String> out = new ArrayList<>(found);
        if (dropped > 0) {
            out.add("... and " + dropped + " more");
        }
        return out;
    }
}
