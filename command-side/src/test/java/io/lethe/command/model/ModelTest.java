package io.lethe.command.model;

import io.lethe.api.ErrorCode;
import io.lethe.api.commands.AdaptCommand;
import io.lethe.api.commands.CompleteJobCommand;
import io.lethe.api.commands.DeployCommand;
import io.lethe.api.commands.ForgetCommand;
import io.lethe.api.commands.ForgetMode;
import io.lethe.api.commands.LearnCommand;
import io.lethe.api.commands.RegisterModelCommand;
import io.lethe.api.commands.Selector;
import io.lethe.api.commands.Task;
import io.lethe.api.commands.TrainBackboneCommand;
import io.lethe.api.events.Guarantee;
import io.lethe.api.events.ModelRegisteredEvent;
import io.lethe.api.events.NothingToForgetEvent;
import io.lethe.api.events.RecordsForgottenEvent;
import io.lethe.api.events.VersionCause;
import io.lethe.api.events.VersionCompletedEvent;
import io.lethe.api.events.VersionDeployedEvent;
import io.lethe.api.events.VersionRequestedEvent;
import io.lethe.api.ids.ModelId;
import io.lethe.api.ids.RecordId;
import io.lethe.api.ids.SubjectId;
import io.lethe.api.jobs.Component;
import io.lethe.api.jobs.ComponentKind;
import io.lethe.api.jobs.ComponentResult;
import io.lethe.crypto.ledger.LedgerSecret;
import io.lethe.verifier.Lineage;
import io.lethe.verifier.VersionDigest;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.Map;
import java.util.stream.IntStream;

import static io.lethe.command.ErrorCodes.rejectedWith;
import static io.lethe.command.model.EventsSatisfy.eventsSatisfy;
import static org.assertj.core.api.Assertions.assertThat;

class ModelTest {

    private static final ModelId MODEL = ModelId.of("face-1");
    private static final LedgerSecret SECRET = LedgerSecret.of(new byte[32]);

    private AggregateTestFixture<Model> fixture;
    private InMemoryRecordRegistry registry;

    @BeforeEach
    void setUp() {
        registry = new InMemoryRecordRegistry(SECRET);
        IntStream.rangeClosed(1, 21).forEach(subject -> registry.withFaces(subject, 10));
        fixture = new AggregateTestFixture<>(Model.class);
        fixture.registerCommandTargetResolver(new ModelCommandTargetResolver());
        fixture.registerInjectableResource(registry);
        fixture.registerInjectableResource(ForgetPolicy.DEFAULT);
    }

    private static Selector faces(int from, int to) {
        return new Selector("orl", IntStream.rangeClosed(from, to).mapToObj(i -> "s" + i).toList(), null, null);
    }

    private ModelRegisteredEvent registered() {
        return new ModelRegisteredEvent(MODEL, Task.FACE, "paper-180nm");
    }

    private VersionRequestedEvent backboneV1() {
        Component backbone = new Component(Component.BACKBONE_ID, ComponentKind.BACKBONE, 0, 7L,
                registry.select(faces(1, 10)).commitments(), List.of());
        return new VersionRequestedEvent(MODEL, 1, 0, VersionCause.TRAIN_BACKBONE, "face-1:v1", Task.FACE,
                "paper-180nm", List.of(backbone), List.of(Component.BACKBONE_ID), null, null);
    }

    /** Version 2: four branches b1..b4 over subjects 11-20, as the aggregate plans them. */
    private VersionRequestedEvent branchesV2() {
        List<Component> components = new ArrayList<>(backboneV1().components());
        List<String> trained = new ArrayList<>();
        var selection = registry.select(faces(11, 20));
        List<List<String>> slices = Slices.bySubject(selection.commitments(), selection.subjectOf(), 4);
        VersionState v1 = new VersionState(1, 0, VersionCause.TRAIN_BACKBONE, "face-1:v1", VersionState.Status.COMPLETED,
                backboneV1().components(), List.of(Component.BACKBONE_ID), null, null);
        for (int i = 0; i < 4; i++) {
            components.add(new Component("b" + (i + 1), ComponentKind.BRANCH, 8, 100L + i,
                    Rehearsal.slice(v1, slices.get(i), 100L + i), List.of()));
            trained.add("b" + (i + 1));
        }
        return new VersionRequestedEvent(MODEL, 2, 1, VersionCause.LEARN, "face-1:v2", Task.FACE, "paper-180nm",
                components, trained, null, null);
    }

    /** The branches of a version whose slice holds any of {@code records}. */
    private static List<String> heldBy(VersionRequestedEvent version, List<String> records) {
        return version.components().stream().filter(c -> c.kind() == ComponentKind.BRANCH)
                .filter(c -> c.commitments().stream().anyMatch(records::contains))
                .map(Component::componentId).toList();
    }

    private VersionCompletedEvent completed(VersionRequestedEvent requested) {
        var version = new VersionState(requested.version(), requested.baseVersion(), requested.cause(),
                requested.jobId(), VersionState.Status.PENDING, requested.components(),
                requested.trainComponentIds(), requested.forget(), null);
        return VersionCompletion.completed(MODEL, version, result(requested));
    }

    private static CompleteJobCommand result(VersionRequestedEvent requested) {
        List<ComponentResult> digests = requested.components().stream()
                .map(c -> new ComponentResult(c.componentId(), "digest-" + c.componentId() + "-" + requested.version()))
                .toList();
        return new CompleteJobCommand(MODEL, requested.jobId(), requested.version(), CompleteJobCommand.COMPLETED,
                digests, Map.of("accuracy", 0.9), Map.of("trainingEnergyJ", 1e-3), null);
    }

    @Test
    void registerModelPublishesModelRegistered() {
        fixture.givenNoPriorActivity()
                .when(new RegisterModelCommand(MODEL, Task.FACE, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(registered());
    }

    @Test
    void trainBackbonePlansVersionOneOnTheSelectedRecords() {
        fixture.given(registered())
                .when(new TrainBackboneCommand(MODEL, faces(1, 10), 7L))
                .expectEvents(backboneV1());
    }

    @Test
    void learnBeforeAnyBackboneIsRejected() {
        fixture.given(registered())
                .when(new LearnCommand(MODEL, faces(11, 20), 4, 8, 100L))
                .expectException(rejectedWith(ErrorCode.NO_BACKBONE));
    }

    @Test
    void learnSplitsTheSelectionIntoDisjointSlicesOneBranchEach() {
        fixture.given(registered(), backboneV1(), completed(backboneV1()))
                .when(new LearnCommand(MODEL, faces(11, 20), 4, 8, 100L))
                .expectEvents(branchesV2());
        List<String> backbone = backboneV1().components().get(0).commitments();
        List<String> fresh = new ArrayList<>();
        for (Component branch : branchesV2().components().subList(1, 5)) {
            List<String> own = branch.commitments().stream().filter(c -> !backbone.contains(c)).toList();
            fresh.addAll(own);
            // Rehearsal: up to three of the backbone's records per new one, named in the branch's lineage.
            assertThat(branch.commitments().size() - own.size()).isPositive()
                    .isLessThanOrEqualTo(Rehearsal.OLD_PER_NEW * own.size());
        }
        assertThat(fresh).hasSize(100).doesNotHaveDuplicates();
    }

    @Test
    void forgettingASubjectThatLivesOnlyInBranchesIsExactAndRetrainsOnlyItsBranch() {
        List<String> subject15 = registry.commitmentsOfSubject(15);
        fixture.given(registered(), backboneV1(), completed(backboneV1()), branchesV2(), completed(branchesV2()))
                .when(new ForgetCommand(MODEL, SubjectId.of("s15"), null, null))
                .expectEventsMatching(eventsSatisfy(events -> {
                    assertThat(events).hasSize(1);
                    VersionRequestedEvent forget = (VersionRequestedEvent) events.get(0);
                    assertThat(forget.cause()).isEqualTo(VersionCause.FORGET);
                    assertThat(forget.forget().guarantee()).isEqualTo(Guarantee.EXACT);
                    assertThat(forget.forget().commitments()).containsExactlyElementsOf(subject15);
                    assertThat(forget.trainComponentIds()).hasSize(1).doesNotContain(Component.BACKBONE_ID);
                    assertThat(forget.components()).allSatisfy(
                            c -> assertThat(c.commitments()).doesNotContainAnyElementsOf(subject15));
                    assertThat(forget.components()).hasSize(5);
                }));
    }

    @Test
    void forgettingABackboneSubjectIsApproximateByDefaultWithAnUnlearningBranch() {
        fixture.given(registered(), backboneV1(), completed(backboneV1()), branchesV2(), completed(branchesV2()))
                .when(new ForgetCommand(MODEL, SubjectId.of("s3"), null, ForgetMode.AUTO))
                .expectEventsMatching(eventsSatisfy(events -> {
                    VersionRequestedEvent forget = (VersionRequestedEvent) events.get(0);
                    assertThat(forget.forget().guarantee()).isEqualTo(Guarantee.APPROXIMATE);
                    Component unlearning = forget.components().get(forget.components().size() - 1);
                    assertThat(unlearning.kind()).isEqualTo(ComponentKind.UNLEARNING_BRANCH);
                    assertThat(unlearning.componentId()).isEqualTo("u5");
                    List<String> s3 = registry.commitmentsOfSubject(3);
                    assertThat(unlearning.forgetCommitments()).containsExactlyElementsOf(s3);
                    // Branches that rehearsed s3 are retrained without it (exactly); the backbone is suppressed.
                    assertThat(forget.trainComponentIds()).last().isEqualTo("u5");
                    assertThat(forget.trainComponentIds()).containsAll(heldBy(branchesV2(), s3));
                    assertThat(forget.components()).filteredOn(c -> c.kind() == ComponentKind.BRANCH)
                            .allSatisfy(c -> assertThat(c.commitments()).doesNotContainAnyElementsOf(s3));
                }));
    }

    @Test
    void forgettingABackboneSubjectWithTheRebasePolicyRetrainsTheBackbone() {
        fixture = new AggregateTestFixture<>(Model.class);
        fixture.registerCommandTargetResolver(new ModelCommandTargetResolver());
        fixture.registerInjectableResource(registry);
        fixture.registerInjectableResource(new ForgetPolicy(Guarantee.REBASE));
        fixture.given(registered(), backboneV1(), completed(backboneV1()))
                .when(new ForgetCommand(MODEL, SubjectId.of("s3"), null, ForgetMode.AUTO))
                .expectEventsMatching(eventsSatisfy(events -> {
                    VersionRequestedEvent forget = (VersionRequestedEvent) events.get(0);
                    assertThat(forget.forget().guarantee()).isEqualTo(Guarantee.REBASE);
                    assertThat(forget.trainComponentIds()).containsExactly(Component.BACKBONE_ID);
                    assertThat(forget.components().get(0).commitments()).hasSize(90);
                }));
    }

    @Test
    void aRebaseAfterAnApproximateForgetAlsoDropsWhatTheUnlearningBranchOnlySuppressed() {
        List<String> s3 = registry.commitmentsOfSubject(3);
        List<String> s4 = registry.commitmentsOfSubject(4);
        VersionRequestedEvent v2 = branchesV2();
        VersionState base = new VersionState(2, 1, VersionCause.LEARN, v2.jobId(), VersionState.Status.COMPLETED,
                v2.components(), v2.trainComponentIds(), null, null);
        ForgetPlanner.Plan approximate = ForgetPlanner.plan(base, s3, Guarantee.APPROXIMATE, "u5", 3L);
        VersionRequestedEvent v3 = new VersionRequestedEvent(MODEL, 3, 2, VersionCause.FORGET, "face-1:v3", Task.FACE,
                "paper-180nm", approximate.components(), approximate.trainComponentIds(), approximate.forget(), null);
        fixture.given(registered(), backboneV1(), completed(backboneV1()), v2, completed(v2), v3, completed(v3))
                .when(new ForgetCommand(MODEL, SubjectId.of("s4"), null, ForgetMode.REBASE))
                .expectEventsMatching(eventsSatisfy(events -> {
                    VersionRequestedEvent rebase = (VersionRequestedEvent) events.get(0);
                    assertThat(rebase.forget().guarantee()).isEqualTo(Guarantee.REBASE);
                    assertThat(rebase.forget().commitments()).containsExactlyInAnyOrderElementsOf(
                            Stream.concat(s3.stream(), s4.stream()).toList());
                    assertThat(rebase.components()).noneMatch(c -> c.kind() == ComponentKind.UNLEARNING_BRANCH);
                    assertThat(rebase.components().get(0).commitments()).hasSize(80)
                            .doesNotContainAnyElementsOf(s3).doesNotContainAnyElementsOf(s4);
                    assertThat(rebase.trainComponentIds()).first().isEqualTo(Component.BACKBONE_ID);
                    assertThat(rebase.components()).allSatisfy(c -> assertThat(c.commitments())
                            .doesNotContainAnyElementsOf(s3).doesNotContainAnyElementsOf(s4));
                }));
    }

    @Test
    void exactModeForBackboneRecordsIsRejectedWithItsCode() {
        fixture.given(registered(), backboneV1(), completed(backboneV1()))
                .when(new ForgetCommand(MODEL, SubjectId.of("s3"), null, ForgetMode.EXACT))
                .expectException(rejectedWith(ErrorCode.EXACT_NOT_POSSIBLE));
    }

    @Test
    void forgettingRecordsTheModelNeverSawIsRecordedAsNothingToForget() {
        fixture.given(registered(), backboneV1(), completed(backboneV1()))
                .when(new ForgetCommand(MODEL, SubjectId.of("s21"), null, null))
                .expectEvents(new NothingToForgetEvent(MODEL, 1, 10, null));
    }

    @Test
    void forgettingUnknownRecordIdsIsRejected() {
        fixture.given(registered(), backboneV1())
                .when(new ForgetCommand(MODEL, null, List.of(RecordId.of("never-ingested")), null))
                .expectException(rejectedWith(ErrorCode.UNKNOWN_RECORDS));
    }

    @Test
    void aSelectorMatchingNothingIsRejected() {
        fixture.given(registered())
                .when(new TrainBackboneCommand(MODEL, new Selector("orl", List.of("s99"), null, null), 1L))
                .expectException(rejectedWith(ErrorCode.EMPTY_SELECTOR));
    }

    @Test
    void adaptAddsOneNewBranch() {
        fixture.given(registered(), backboneV1(), completed(backboneV1()), branchesV2(), completed(branchesV2()))
                .when(new AdaptCommand(MODEL, faces(21, 21), 4, 9L))
                .expectEventsMatching(eventsSatisfy(events -> {
                    VersionRequestedEvent adapt = (VersionRequestedEvent) events.get(0);
                    assertThat(adapt.cause()).isEqualTo(VersionCause.ADAPT);
                    assertThat(adapt.trainComponentIds()).containsExactly("b5");
                    assertThat(adapt.components()).hasSize(6);
                }));
    }

    @Test
    void onlyACompletedVersionCanBeDeployed() {
        fixture.given(registered(), backboneV1())
                .when(new DeployCommand(MODEL, 1))
                .expectException(rejectedWith(ErrorCode.VERSION_NOT_COMPLETED));
        fixture.given(registered(), backboneV1())
                .when(new DeployCommand(MODEL, 7))
                .expectException(rejectedWith(ErrorCode.UNKNOWN_VERSION));
        fixture.given(registered(), backboneV1(), completed(backboneV1()))
                .when(new DeployCommand(MODEL, 1))
                .expectEvents(new VersionDeployedEvent(MODEL, 1, null, "face-1:deploy:1", null));
    }

    @Test
    void aJobResultCompletesTheVersionWithLineageRootsAndADigest() {
        fixture.given(registered(), backboneV1())
                .when(result(backboneV1()))
                .expectEventsMatching(eventsSatisfy(events -> {
                    VersionCompletedEvent done = (VersionCompletedEvent) events.get(0);
                    List<String> lineage = registry.select(faces(1, 10)).commitments();
                    assertThat(done.lineageRoot()).isEqualTo(Lineage.root(lineage));
                    assertThat(done.lineageSize()).isEqualTo(100);
                    assertThat(done.components().get(0).weightsDigest()).isEqualTo("digest-backbone-1");
                    assertThat(done.digest()).isEqualTo(VersionDigest.of("face-1", 1, done.components()));
                }));
    }

    @Test
    void aRepeatedJobResultHasNoSecondEffect() {
        fixture.given(registered(), backboneV1(), completed(backboneV1()))
                .when(result(backboneV1()))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aCompletedForgetRecordsItsGuaranteeAndMetrics() {
        List<String> subject15 = registry.commitmentsOfSubject(15);
        VersionRequestedEvent forget = forgetV3();
        fixture.given(registered(), backboneV1(), completed(backboneV1()), branchesV2(), completed(branchesV2()),
                        forget)
                .when(result(forget))
                .expectEventsMatching(eventsSatisfy(events -> {
                    assertThat(events).hasSize(2);
                    RecordsForgottenEvent forgotten = (RecordsForgottenEvent) events.get(1);
                    assertThat(forgotten.guarantee()).isEqualTo(Guarantee.EXACT);
                    assertThat(forgotten.versionBefore()).isEqualTo(2);
                    assertThat(forgotten.versionAfter()).isEqualTo(3);
                    assertThat(forgotten.commitments()).containsExactlyElementsOf(subject15);
                    assertThat(forgotten.metrics()).containsEntry("accuracy", 0.9);
                }));
    }

    private VersionRequestedEvent forgetV3() {
        var base = new VersionState(2, 1, VersionCause.LEARN, "face-1:v2", VersionState.Status.COMPLETED,
                branchesV2().components(), branchesV2().trainComponentIds(), null, null);
        var plan = ForgetPlanner.plan(base, registry.commitmentsOfSubject(15), Guarantee.EXACT, "u5", 3L);
        return new VersionRequestedEvent(MODEL, 3, 2, VersionCause.FORGET, "face-1:v3", Task.FACE, "paper-180nm",
                plan.components(), plan.trainComponentIds(), plan.forget(), null);
    }
}
