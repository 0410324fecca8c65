package io.lethe.command.erasure;

import io.lethe.api.ErasureIds;
import io.lethe.api.ErrorCode;
import io.lethe.api.commands.ExtendErasureCommand;
import io.lethe.api.commands.RequestErasureCommand;
import io.lethe.api.events.ErasureCompletedEvent;
import io.lethe.api.events.ErasureExtendedEvent;
import io.lethe.api.events.ErasureJoinedEvent;
import io.lethe.api.events.ErasureModelDeployedEvent;
import io.lethe.api.events.ErasureModelSettledEvent;
import io.lethe.api.events.ErasureOverdueEvent;
import io.lethe.api.events.ErasureRequestedEvent;
import io.lethe.api.events.Guarantee;
import io.lethe.api.events.SubjectKeyShreddedEvent;
import io.lethe.api.ids.SubjectId;
import io.lethe.crypto.ledger.LedgerSecret;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.lethe.command.ErrorCodes.rejectedWith;
import static org.assertj.core.api.Assertions.assertThat;

/** The erasure process and its GDPR clock, with Axon's fixture advancing time instead of waiting. */
class DataSubjectTest {

    private static final LedgerSecret SECRET = LedgerSecret.of(new byte[32]);
    private static final SubjectId SUBJECT = SubjectId.of("alice");
    private static final String PSEUDONYM = SECRET.subjectPseudonym("alice");
    private static final String AGGREGATE = DataSubject.idFor(PSEUDONYM);
    private static final Instant RECEIVED = Instant.parse("2026-01-31T10:00:00Z");
    private static final Instant DUE = Instant.parse("2026-02-28T10:00:00Z");

    private AggregateTestFixture<DataSubject> fixture;
    private final List<String> shredded = new ArrayList<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(DataSubject.class);
        fixture.registerCommandTargetResolver(new SubjectCommandTargetResolver());
        fixture.registerInjectableResource((KeyShredder) (pseudonym, reason) -> shredded.add(pseudonym + "/" + reason));
        fixture.registerAnnotatedCommandHandler(
                new ErasureRequests(fixture.getRepository(), () -> List.of("m1", "m2"), SECRET));
        fixture.setReportIllegalStateChange(false);
    }

    /** Erasure ids are derived from the command id and the subject, never chosen by the producer. */
    private static final String ER1 = ErasureIds.derive("c-1", PSEUDONYM);
    private static final String ER2 = ErasureIds.derive("c-2", PSEUDONYM);

    private static CommandMessage<?> request(String commandId) {
        return request(commandId, "dpo@example.org", RECEIVED);
    }

    private static CommandMessage<?> request(String commandId, String requestedBy, Instant receivedAt) {
        return GenericCommandMessage.asCommandMessage(new RequestErasureCommand(SUBJECT, requestedBy, receivedAt))
                .andMetaData(Map.of("commandId", commandId));
    }

    private static ErasureRequestedEvent requested() {
        return new ErasureRequestedEvent(ER1, PSEUDONYM, "dpo@example.org", RECEIVED, DUE, List.of("m1", "m2"));
    }

    @Test
    void aRequestStartsAnErasureDueOneMonthAfterReceiptWithADeadline() {
        fixture.givenCurrentTime(RECEIVED)
                .when(request("c-1"))
                .expectEvents(requested())
                .expectScheduledDeadlineWithName(Duration.between(RECEIVED, DUE), DataSubject.DUE);
    }

    @Test
    void aSecondRequestWhileOneIsOpenJoinsIt() {
        fixture.givenCurrentTime(RECEIVED)
                .andGivenCommands(request("c-1"))
                .when(request("c-2", "support", RECEIVED.plusSeconds(60)))
                .expectEvents(new ErasureJoinedEvent(ER1, PSEUDONYM, "support", RECEIVED.plusSeconds(60), ER2));
    }

    @Test
    void anErasureNotDoneWhenItsDeadlinePassesBecomesOverdue() {
        fixture.givenCurrentTime(RECEIVED)
                .andGivenCommands(request("c-1"))
                .whenTimeElapses(Duration.ofDays(29))
                .expectTriggeredDeadlinesWithName(DataSubject.DUE)
                .expectEvents(new ErasureOverdueEvent(ER1, PSEUDONYM, DUE));
    }

    @Test
    void whenEveryModelIsSettledAndDeployedTheKeyIsShreddedAndTheErasureCompletes() {
        fixture.givenCurrentTime(RECEIVED)
                .andGivenCommands(request("c-1"),
                        new ErasureCommands.SettleModel(AGGREGATE, ER1, "m1", null, 3, null, Map.of()),
                        new ErasureCommands.SettleModel(AGGREGATE, ER1, "m2", Guarantee.EXACT, 2, 3,
                                Map.of("forgetAccuracy", 0.0)))
                .when(new ErasureCommands.RecordDeployment(AGGREGATE, ER1, "m2", 3))
                .expectEvents(new ErasureModelDeployedEvent(ER1, PSEUDONYM, "m2", 3),
                        new SubjectKeyShreddedEvent(ER1, PSEUDONYM),
                        new ErasureCompletedEvent(ER1, PSEUDONYM, RECEIVED));
        assertThat(shredded).containsExactly(PSEUDONYM + "/" + ER1);
    }

    @Test
    void theKeyIsNotShreddedWhileAModelHasNotDeployedItsNewVersion() {
        fixture.givenCurrentTime(RECEIVED)
                .andGivenCommands(request("c-1"),
                        new ErasureCommands.SettleModel(AGGREGATE, ER1, "m1", null, 3, null, Map.of()))
                .when(new ErasureCommands.SettleModel(AGGREGATE, ER1, "m2", Guarantee.APPROXIMATE, 2, 3, Map.of()))
                .expectEvents(new ErasureModelSettledEvent(ER1, PSEUDONYM, "m2", Guarantee.APPROXIMATE, 2, 3,
                        Map.of()));
        assertThat(shredded).isEmpty();
    }

    @Test
    void anExtensionMovesTheDeadlineAndIsLimitedToTwoMonthsInAll() {
        Instant extended = Instant.parse("2026-04-28T10:00:00Z");
        fixture.givenCurrentTime(RECEIVED)
                .andGivenCommands(request("c-1"))
                .when(new ExtendErasureCommand(SUBJECT, 2, "complex request", "notice sent 2026-02-01"))
                .expectEvents(new ErasureExtendedEvent(ER1, PSEUDONYM, extended, "complex request",
                        "notice sent 2026-02-01"))
                .expectScheduledDeadlineWithName(Duration.between(RECEIVED, extended), DataSubject.DUE);
        setUp();
        fixture.givenCurrentTime(RECEIVED)
                .andGivenCommands(request("c-1"), new ExtendErasureCommand(SUBJECT, 2, "complex", "sent"))
                .when(new ExtendErasureCommand(SUBJECT, 1, "more", "sent"))
                .expectException(rejectedWith(ErrorCode.EXTENSION_NOT_ALLOWED));
    }

    @Test
    void aRequestReceivedMoreThanAMonthAgoIsOverdueFromTheStart() {
        fixture.givenCurrentTime(DUE.plus(Duration.ofDays(3)))
                .when(request("c-1"))
                .expectEvents(requested(), new ErasureOverdueEvent(ER1, PSEUDONYM, DUE))
                .expectNoScheduledDeadlines();
    }

    @Test
    void extendingWithoutAnErasureIsRejectedWithItsCode() {
        fixture.givenNoPriorActivity()
                .when(new ExtendErasureCommand(SUBJECT, 1, "complex", "sent"))
                .expectException(rejectedWith(ErrorCode.NO_OPEN_ERASURE));
    }

    @Test
    void anExtendedErasureIsNotOverdueAtTheOriginalDeadline() {
        fixture.givenCurrentTime(RECEIVED)
                .andGivenCommands(request("c-1"), new ExtendErasureCommand(SUBJECT, 1, "complex", "sent"))
                .whenTimeElapses(Duration.ofDays(40))
                .expectNoEvents();
    }

    @Test
    void aSettleForAModelOutsideTheErasureOrForAnotherErasureChangesNothing() {
        fixture.givenCurrentTime(RECEIVED)
                .andGivenCommands(request("c-1"))
                .when(new ErasureCommands.SettleModel(AGGREGATE, ER1, "not-in-the-erasure", Guarantee.EXACT, 1, 2,
                        Map.of()))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        setUp();
        fixture.givenCurrentTime(RECEIVED)
                .andGivenCommands(request("c-1"))
                .when(new ErasureCommands.SettleModel(AGGREGATE, ER2, "m1", Guarantee.EXACT, 1, 2, Map.of()))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
