package io.lethe.app.verify;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;

/**
 * The replay's rows in leaf order, recomputed ahead on worker threads: the calling thread reads raw rows from the
 * event store and hands each batch to a worker (parsing the JSON and the timestamp and writing the canonical form
 * dominate), while it checks the batches already done. So the database, the reading thread and the workers all run
 * at once, instead of each waiting for the others as a read-then-compute loop does; batches in flight are bounded,
 * so memory is too. A caller that would wait for a batch recomputes one itself instead: on a busy machine a sleeping
 * thread may not be woken for milliseconds, and the caller is the one thread that is sure to be running.
 */
final class LeafPipeline implements AutoCloseable {

    /** Rows per task: large enough to amortise the hand-off, small enough that the workers start early. */
    static final int BATCH = 512;
    /**
     * Batches in flight per worker: about 4,000 rows, enough to keep the workers busy while the calling thread waits
     * on a database round trip (2 per worker left them idle for a fifth of the replay on 2 cores).
     */
    private static final int AHEAD_PER_WORKER = 8;

    private final EventStoreCursor events;
    private final Set<String> payloadsRead;
    private final int depth;
    private final ExecutorService workers;
    private final Deque<FutureTask<List<EventStoreCursor.Row>>> ahead = new ArrayDeque<>();
    private Iterator<EventStoreCursor.Row> current = Collections.emptyIterator();

    /**
     * @param events       the cursor to read; only the calling thread touches it (and so the connection)
     * @param payloadsRead the event types whose payloads the checks read back as records
     * @param threads      worker threads
     */
    LeafPipeline(EventStoreCursor events, Set<String> payloadsRead, int threads) {
        this.events = events;
        this.payloadsRead = payloadsRead;
        this.depth = AHEAD_PER_WORKER * threads;
        this.workers = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "lethe-verify-leaves");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** @return the next row in leaf order, or {@code null} after the last */
    EventStoreCursor.Row next() throws SQLException {
        while (!current.hasNext()) {
            fillAhead();
            if (ahead.isEmpty()) {
                return null;
            }
            current = await(ahead.poll(), ahead).iterator();
        }
        return current.next();
    }

    private void fillAhead() throws SQLException {
        while (!events.exhausted() && ahead.size() < depth) {
            List<EventStoreCursor.RawRow> batch = events.next(BATCH);
            if (!batch.isEmpty()) {
                FutureTask<List<EventStoreCursor.Row>> task = new FutureTask<>(
                        () -> batch.stream().map(row -> row.toRow(payloadsRead)).toList());
                workers.execute(task);
                ahead.add(task);
            }
        }
    }

    /** Waits for {@code batch}, meanwhile running itself (or, if a worker has it, later ones) that no worker took. */
    private static List<EventStoreCursor.Row> await(FutureTask<List<EventStoreCursor.Row>> batch,
                                                    Deque<FutureTask<List<EventStoreCursor.Row>>> later) {
        batch.run(); // does nothing if a worker started it
        for (Iterator<FutureTask<List<EventStoreCursor.Row>>> last = later.descendingIterator();
             !batch.isDone() && last.hasNext(); ) {
            last.next().run();
        }
        try {
            return batch.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("replay interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("recomputing leaves failed", e.getCause());
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
