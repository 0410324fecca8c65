package io.lethe.command.erasure;

import io.lethe.api.ErrorCode;
import io.lethe.api.LetheException;
import io.lethe.api.events.ErasureCompletedEvent;
import io.lethe.api.events.ErasureExtendedEvent;
import io.lethe.api.events.ErasureFailedEvent;
import io.lethe.api.events.ErasureJoinedEvent;
import io.lethe.api.events.ErasureModelDeployedEvent;
import io.lethe.api.events.ErasureModelSettledEvent;
import io.lethe.api.events.ErasureOverdueEvent;
import io.lethe.api.events.ErasureRequestedEvent;
import io.lethe.api.events.SubjectKeyShreddedEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A data subject, known by pseudonym only, and its GDPR erasures: at most one open at a time (later
 * requests join it), with the clock of Art. 12(3) — due one month after receipt, extendable by two
 * more with a reason and notice, overdue when the deadline passes. The erasure completes when every
 * model has forgotten the subject (or never saw it) and deployed the new version; then the subject's
 * vault key is shredded in the same transaction.
 */
public class DataSubject {

    static final String DUE = "erasure-due";
    private static final int EXTENSION_MONTHS_MAX = 2;

    @AggregateIdentifier
    private String subjectAggregateId;
    private String pseudonym;
    private OpenErasure open;

    /** Required by Axon to construct an empty instance before replaying its events. */
    protected DataSubject() {
    }

    static String idFor(String subjectPseudonym) {
        return "subject-" + subjectPseudonym;
    }

    void request(String subjectPseudonym, String erasureId, String requestedBy, Instant receivedAt,
                 List<String> modelIds, DeadlineManager deadlines, KeyShredder vault) {
        if (open != null) {
            apply(new ErasureJoinedEvent(open.erasureId, subjectPseudonym, requestedBy, receivedAt, erasureId));
            return;
        }
        Instant dueAt = receivedAt.atOffset(ZoneOffset.UTC).plusMonths(1).toInstant();
        apply(new ErasureRequestedEvent(erasureId, subjectPseudonym, requestedBy, receivedAt, dueAt, modelIds));
        if (dueAt.isAfter(GenericEventMessage.clock.instant())) {
            deadlines.schedule(dueAt, DUE, erasureId);
        } else {
            // Received so long ago that the month has already run out: overdue from the start.
            apply(new ErasureOverdueEvent(erasureId, subjectPseudonym, dueAt));
        }
        completeIfDone(vault);
    }

    void extend(int months, String reason, String notice, DeadlineManager deadlines) {
        OpenErasure erasure = requireOpen();
        Instant dueAt = erasure.dueAt.atOffset(ZoneOffset.UTC).plusMonths(months).toInstant();
        Instant latest = erasure.receivedAt.atOffset(ZoneOffset.UTC).plusMonths(1 + EXTENSION_MONTHS_MAX).toInstant();
        if (dueAt.isAfter(latest)) {
            throw new LetheException(ErrorCode.EXTENSION_NOT_ALLOWED,
                    "an erasure may be extended by at most two months in all (GDPR Art. 12(3))");
        }
        apply(new ErasureExtendedEvent(erasure.erasureId, pseudonym, dueAt, reason, notice));
        deadlines.cancelAllWithinScope(DUE);
        deadlines.schedule(dueAt, DUE, erasure.erasureId);
    }

    /**
     * Only a model this erasure asked, once: a settle for another erasure, another subject's erasure or a
     * model outside the erasure changes nothing (and must not stall the policy that sent it).
     */
    @CommandHandler
    void handle(ErasureCommands.SettleModel command, KeyShredder vault) {
        var progress = isCurrent(command.erasureId()) ? open.models().get(command.modelId()) : null;
        if (progress != null && !progress.settled()) {
            apply(new ErasureModelSettledEvent(command.erasureId(), pseudonym, command.modelId(), command.guarantee(),
                    command.versionBefore(), command.versionAfter(), command.metrics()));
            completeIfDone(vault);
        }
    }

    @CommandHandler
    void handle(ErasureCommands.RecordDeployment command, KeyShredder vault) {
        var progress = isCurrent(command.erasureId()) ? open.models().get(command.modelId()) : null;
        if (progress != null && !progress.deployed() && Integer.valueOf(command.version()).equals(progress.versionAfter())) {
            apply(new ErasureModelDeployedEvent(command.erasureId(), pseudonym, command.modelId(), command.version()));
            completeIfDone(vault);
        }
    }

    @CommandHandler
    void handle(ErasureCommands.Fail command) {
        if (isCurrent(command.erasureId())) {
            apply(new ErasureFailedEvent(command.erasureId(), pseudonym, command.reason()));
        }
    }

    @DeadlineHandler(deadlineName = DUE)
    void onDeadline(String erasureId) {
        if (isCurrent(erasureId) && !open.overdue) {
            apply(new ErasureOverdueEvent(erasureId, pseudonym, open.dueAt));
        }
    }

    private void completeIfDone(KeyShredder vault) {
        if (open != null && open.allDone()) {
            String erasureId = open.erasureId;
            vault.shred(pseudonym, erasureId);
            apply(new SubjectKeyShreddedEvent(erasureId, pseudonym));
            apply(new ErasureCompletedEvent(erasureId, pseudonym, GenericEventMessage.clock.instant()));
        }
    }

    private boolean isCurrent(String erasureId) {
        return open != null && open.erasureId.equals(erasureId);
    }

    private OpenErasure requireOpen() {
        if (open == null) {
            throw new LetheException(ErrorCode.NO_OPEN_ERASURE, "the subject has no open erasure");
        }
        return open;
    }

    @EventSourcingHandler
    void on(ErasureRequestedEvent event) {
        subjectAggregateId = idFor(event.subjectPseudonym());
        pseudonym = event.subjectPseudonym();
        open = new OpenErasure(event.erasureId(), event.receivedAt(), event.dueAt(), event.modelIds());
    }

    @EventSourcingHandler
    void on(ErasureModelSettledEvent event) {
        open.models().put(event.modelId(), new OpenErasure.ModelProgress(true, event.versionAfter(), false));
    }

    @EventSourcingHandler
    void on(ErasureModelDeployedEvent event) {
        var progress = open.models().get(event.modelId());
        open.models().put(event.modelId(), new OpenErasure.ModelProgress(true, progress.versionAfter(), true));
    }

    @EventSourcingHandler
    void on(ErasureExtendedEvent event) {
        open.dueAt = event.dueAt();
    }

    @EventSourcingHandler
    void on(ErasureOverdueEvent event) {
        open.overdue = true;
    }

    @EventSourcingHandler
    void on(ErasureCompletedEvent event) {
        open = null;
    }

    @EventSourcingHandler
    void on(ErasureFailedEvent event) {
        open = null;
    }
}
