package io.lethe.command.erasure;

import io.lethe.api.ErasureIds;
import io.lethe.api.ErrorCode;
import io.lethe.api.LetheException;
import io.lethe.api.commands.ExtendErasureCommand;
import io.lethe.api.commands.RequestErasureCommand;
import io.lethe.api.ids.SubjectId;
import io.lethe.crypto.ledger.LedgerSecret;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

import java.time.Instant;
import java.util.UUID;

/**
 * Handles {@code lethe.RequestErasure} and {@code lethe.ExtendErasure}: a raw subject id becomes a
 * pseudonym here and is never stored (the REST API and the producer library send the pseudonym
 * already); the subject's aggregate runs the erasure, under an id derived from the command.
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
        String pseudonym = pseudonymOf(command.subjectId(), command.subjectPseudonym());
        String erasureId = ErasureIds.derive(commandId == null ? UUID.randomUUID().toString() : commandId, pseudonym);
        Instant receivedAt = command.receivedAt() != null ? command.receivedAt() : GenericEventMessage.clock.instant();
        subjects.loadOrCreate(DataSubject.idFor(pseudonym), DataSubject::new).execute(subject -> subject.request(
                pseudonym, erasureId, command.requestedBy(), receivedAt, models.allModelIds(), deadlines, vault));
    }

    @CommandHandler
    public void handle(ExtendErasureCommand command, DeadlineManager deadlines) {
        String pseudonym = pseudonymOf(command.subjectId(), command.subjectPseudonym());
        try {
            subjects.load(DataSubject.idFor(pseudonym))
                    .execute(subject -> subject.extend(command.months(), command.reason(), command.notice(), deadlines));
        } catch (AggregateNotFoundException e) {
            throw new LetheException(ErrorCode.NO_OPEN_ERASURE, "the subject has no open erasure");
        }
    }

    private String pseudonymOf(SubjectId subjectId, String subjectPseudonym) {
        return subjectPseudonym != null ? subjectPseudonym : secret.subjectPseudonym(subjectId.value());
    }
}
