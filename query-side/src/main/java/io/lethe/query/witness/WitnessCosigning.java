package io.lethe.query.witness;

import io.lethe.verifier.CosignatureVerifier;
import io.lethe.verifier.NoteSignature;
import io.lethe.verifier.SignedNote;
import io.lethe.verifier.VerificationException;
import io.lethe.query.log.LogCosignature;
import io.lethe.query.log.StoredCheckpoint;
import io.lethe.query.log.TransparencyLog;
import io.lethe.witness.client.Submission;
import io.lethe.witness.client.WitnessClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Gets the log's latest checkpoint cosigned by every configured witness: polls the latest checkpoint, submits it
 * to each witness that has not cosigned it, and retries failures with exponential backoff (1 s doubling to 60 s).
 * Each witness has its own thread, so a witness that hangs until its timeout delays no other. Cosignatures are
 * kept in the log's database ({@link TransparencyLog#recordCosignature}): every checkpoint keeps the ones it got,
 * and a restarted query side resumes each witness from the largest size it cosigned.
 */
public final class WitnessCosigning implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WitnessCosigning.class);
    static final Duration POLL = Duration.ofMillis(500);
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

    private final TransparencyLog log;
    private final List<Tracked> witnesses;
    private final Clock clock;
    private final ScheduledExecutorService executor;

    /** One witness and what we know of it; touched by the submission thread, read by HTTP threads. */
    private static final class Tracked {
        final WitnessClient client;
        volatile long believedSize;
        volatile String cosignedBody;
        volatile NoteSignature cosignature;
        volatile boolean restored;
        volatile long cosignedSize = -1;
        volatile Instant cosignedAt;
        volatile int failures;
        volatile String lastError;
        volatile Instant nextAttempt = Instant.EPOCH;
        volatile String fork;
        Counter cosigned;
        Counter refused;
        Counter unreachable;

        Tracked(WitnessClient client) {
            this.client = client;
        }
    }

    private WitnessCosigning(TransparencyLog log, List<Tracked> witnesses, Clock clock) {
        this.log = log;
        this.witnesses = witnesses;
        this.clock = clock;
        this.executor = Executors.newScheduledThreadPool(Math.max(1, witnesses.size()), runnable -> {
            Thread thread = new Thread(runnable, "lethe-witness-submitter");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts submitting to {@code endpoints} (none: nothing runs, checkpoints are served as signed). */
    public static WitnessCosigning start(TransparencyLog log, List<WitnessEndpoint> endpoints, MeterRegistry meters,
                                         Clock clock) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<Tracked> tracked = new ArrayList<>();
        for (WitnessEndpoint endpoint : endpoints) {
            tracked.add(new Tracked(new WitnessClient(endpoint.url(), endpoint.key(), http, Duration.ofSeconds(10))));
        }
        WitnessCosigning cosigning = new WitnessCosigning(log, List.copyOf(tracked), clock);
        cosigning.bindMetrics(meters);
        for (Tracked witness : cosigning.witnesses) {
            cosigning.executor.scheduleWithFixedDelay(() -> cosigning.tick(witness), 0, POLL.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        return cosigning;
    }

    /** @return whether any witness is configured */
    public boolean configured() {
        return !witnesses.isEmpty();
    }

    private void tick(Tracked witness) {
        try {
            if (!witness.restored) {
                restore(witness);
            }
            Optional<StoredCheckpoint> latest = log.latestCheckpoint();
            if (latest.isEmpty()) {
                return;
            }
            String body = SignedNote.parse(latest.get().note()).body();
            if (!body.equals(witness.cosignedBody) && !clock.instant().isBefore(witness.nextAttempt)) {
                submit(witness, latest.get());
            }
        } catch (VerificationException | RuntimeException e) {
            // The database may be down: the next tick tries again.
            LOG.warn("witness submission round for {} failed: {}", witness.client.key().name(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Picks up where an earlier run left off: the largest checkpoint this witness key cosigned, if any. */
    private void restore(Tracked witness) throws VerificationException {
        CosignatureVerifier key = witness.client.key();
        Optional<LogCosignature> held = log.latestCosignedBy(key.name(), key.keyId());
        if (held.isPresent()) {
            StoredCheckpoint checkpoint = log.checkpointAt(held.get().treeSize()).orElseThrow();
            remember(witness, checkpoint, held.get().cosignature(), held.get().treeSize());
        }
        witness.restored = true;
    }

    private void submit(Tracked witness, StoredCheckpoint checkpoint)
            throws InterruptedException, VerificationException {
        long size = checkpoint.treeSize();
        try {
            Submission outcome = witness.client.submit(checkpoint.note(), witness.believedSize,
                    from -> log.consistencyProof(from, size));
            if (outcome instanceof Submission.Cosigned cosigned) {
                accept(witness, checkpoint, cosigned);
            } else if (outcome instanceof Submission.Refused refused) {
                refuse(witness, refused);
            }
        } catch (IOException e) {
            witness.unreachable.increment();
            fail(witness, "unreachable: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    private void accept(Tracked witness, StoredCheckpoint checkpoint, Submission.Cosigned cosigned)
            throws VerificationException {
        // Kept before it is believed: a cosignature the database refused is asked for again on the next tick.
        log.recordCosignature(checkpoint.treeSize(), cosigned.cosignature());
        remember(witness, checkpoint, cosigned.cosignature(), cosigned.heldSize());
        witness.failures = 0;
        witness.lastError = null;
        witness.nextAttempt = Instant.EPOCH;
        witness.cosigned.increment();
    }

    private static void remember(Tracked witness, StoredCheckpoint checkpoint, NoteSignature cosignature,
                                 long heldSize) throws VerificationException {
        witness.cosignedBody = SignedNote.parse(checkpoint.note()).body();
        witness.cosignature = cosignature;
        witness.believedSize = heldSize;
        witness.cosignedSize = heldSize;
        witness.cosignedAt = new LogCosignature(heldSize, cosignature).cosignedAt();
    }

    private void refuse(Tracked witness, Submission.Refused refused) {
        witness.refused.increment();
        if (refused.heldSize() >= 0) {
            witness.believedSize = refused.heldSize();
        }
        boolean contradiction = refused.status() == 422 || (refused.status() == 409 && refused.heldSize() < 0);
        if (contradiction) {
            // The witness holds a checkpoint our log contradicts: the loudest alarm there is.
            witness.fork = refused.reason();
            LOG.error("witness {} refused our checkpoint as a fork: {}", witness.client.key().name(),
                    refused.reason());
        }
        fail(witness, "HTTP " + refused.status() + ": " + refused.reason());
    }

    private void fail(Tracked witness, String why) {
        witness.failures++;
        witness.lastError = why;
        long backoff = Math.min(MAX_BACKOFF.toMillis(),
                FIRST_BACKOFF.toMillis() << Math.min(16, witness.failures - 1));
        witness.nextAttempt = clock.instant().plusMillis(backoff);
        LOG.warn("witness {} did not cosign ({}), retrying in {} ms", witness.client.key().name(), why, backoff);
    }

    /** @return each witness's state, with whether it cosigned {@code latest} */
    public List<WitnessStatus> statuses(Optional<StoredCheckpoint> latest) {
        String latestBody = latest.map(c -> bodyOf(c.note())).orElse(null);
        return witnesses.stream().map(w -> new WitnessStatus(w.client.key().name(), w.client.url().toString(),
                w.client.key().vkey(), w.cosignedSize, w.cosignedAt,
                latestBody != null && latestBody.equals(w.cosignedBody), w.failures, w.lastError,
                w.failures > 0 ? w.nextAttempt : null, w.fork)).toList();
    }

    /** @return why {@code /health} should call the witnesses DEGRADED: a fork, or a witness failing repeatedly */
    public Optional<String> degradation() {
        for (Tracked witness : witnesses) {
            if (witness.fork != null) {
                return Optional.of("witness " + witness.client.key().name() + " reports a fork: " + witness.fork);
            }
        }
        return witnesses.stream().filter(w -> w.failures >= 3).findFirst()
                .map(w -> "witness " + w.client.key().name() + " failing: " + w.lastError);
    }

    private void bindMetrics(MeterRegistry meters) {
        for (Tracked witness : witnesses) {
            String name = witness.client.key().name();
            Gauge.builder("lethe.witness.cosigned.tree.size", witness, w -> w.cosignedSize)
                    .description("Size of the latest checkpoint this witness cosigned (-1: none yet)")
                    .tag("witness", name).register(meters);
            Gauge.builder("lethe.witness.consecutive.failures", witness, w -> w.failures)
                    .description("Submissions to this witness that failed in a row").tag("witness", name)
                    .register(meters);
            Gauge.builder("lethe.witness.fork", witness, w -> w.fork == null ? 0 : 1)
                    .description("1 if this witness refused a checkpoint as contradicting one it cosigned")
                    .tag("witness", name).register(meters);
            witness.cosigned = submissions(meters, name, "cosigned");
            witness.refused = submissions(meters, name, "refused");
            witness.unreachable = submissions(meters, name, "unreachable");
        }
    }

    private static Counter submissions(MeterRegistry meters, String witness, String outcome) {
        return Counter.builder("lethe.witness.submissions").description("Checkpoint submissions to a witness")
                .tag("witness", witness).tag("outcome", outcome).register(meters);
    }

    private static String bodyOf(String note) {
        try {
            return SignedNote.parse(note).body();
        } catch (VerificationException e) {
            return null;
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
