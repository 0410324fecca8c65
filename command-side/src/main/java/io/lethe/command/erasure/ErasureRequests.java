package io.lethe.command.erasure;

import io.lethe.api.ErrorCode;
import io.lethe.api.LetheException;
import io.lethe.api.commands.ExtendErasureCommand;
import io.lethe.api.commands.RequestErasureCommand;
import io.lethe.api.ledger.LedgerSecret;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Handles {@code lethe.RequestErasure} and {@code lethe.ExtendErasure}: the raw subject id becomes a
 * pseudonym here and is never stored; the subject's aggregate runs the erasure.
 */
public final class ErasureRequests {

    private final Repository<DataSubject> subjects;
    private final ModelDirectory models;
    private final LedgerSecret secret;

    public ErasureRequests(Repository<DataSubject> subjects, ModelDirectory models, LedgerSecret secret) {
        this.subjects = subjects;
        this.models = models;
        this.secret = secret;
    }

    @CommandHandler
    public void handle(RequestErasureCommand command, @MetaDataValue("commandId") String commandId,
                       DeadlineManager deadlines, KeyShredder vault) throws Exception {
        String pseudonym = secret.subjectPseudonym(command.subjectId().value());
        String erasureId = command.erasureId() != null ? command.erasureId() : idFor(commandId);
        Instant receivedAt = command.receivedAt() != null ? command.receivedAt() : GenericEventMessage.clock.instant();
        subjects.loadOrCreate(DataSubject.idFor(pseudonym), DataSubject::new).execute(subject -> subject.request(
                pseudonym, erasureId, command.requestedBy(), receivedAt, models.allModelIds(), deadlines, vault));
    }

    @CommandHandler
    public void handle(ExtendErasureCommand command, DeadlineManager deadlines) {
        String pseudonym = secret.subjectPseudonym(command.subjectId().value());
        try {
            subjects.load(DataSubject.idFor(pseudonym))
                    .execute(subject -> subject.extend(command.months(), command.reason(), command.notice(), deadlines));
        } catch (AggregateNotFoundException e) {
            throw new LetheException(ErrorCode.NO_OPEN_ERASURE, "the subject has no open erasure");
        }
    }

    /** A stable erasure id for a command id, so a redelivered request names the same erasure. */
    static String idFor(String commandId) {
        String seed = commandId == null ? UUID.randomUUID().toString() : commandId;
        return "erasure-" + UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8));
    }
}
