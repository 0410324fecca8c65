package io.lethe.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.api.Json;
import io.lethe.api.commands.CompleteJobCommand;
import io.lethe.api.events.Guarantee;
import io.lethe.api.jobs.Component;
import io.lethe.api.jobs.ComponentKind;
import io.lethe.api.jobs.Job;
import io.lethe.worker.steps.JobExecutor;
import io.lethe.worker.steps.ModelCache;
import io.lethe.worker.steps.TaskCatalog;
import io.lethe.worker.job.JobHandler;
import io.lethe.worker.job.JobMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.lethe.worker.store.WorkerStore;
import io.lethe.worker.vault.VaultReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The worker's job handling on real vault rows in PostgreSQL, without Kafka: a face model gets a backbone
 * (ORL s1-s4), two branches (s5; s6+s7) and an EXACT forget of s6; the same jobs on a second model, each
 * run by a fresh worker that must restore the base from its snapshot, give the same digests.
 */
class JobHandlerTest {

    private static final DataSource DB = TestDatabase.dataSource();
    private static final TestVault VAULT = new TestVault(DB);
    private static final TaskCatalog TASKS = new TaskCatalog();
    private static final CapturedResults RESULTS = new CapturedResults();
    private static final SimpleMeterRegistry METERS = new SimpleMeterRegistry();
    private static final Map<String, Long> timedAfterA = new java.util.TreeMap<>();
    private static JobHandler worker;
    private static List<Job> sequence;
    private static Map<String, JsonNode> resultsOfA = new LinkedHashMap<>();
    private static List<String> s4;
    private static List<String> s6;

    @BeforeAll
    static void modelAGetsABackboneTwoBranchesAndAnExactForget() throws Exception {
        s4 = VAULT.ingestFaces("jh", 4, 5);
        List<String> backboneRecords = Jobs.concat(VAULT.ingestFaces("jh", 1, 5), VAULT.ingestFaces("jh", 2, 5),
                VAULT.ingestFaces("jh", 3, 5), s4);
        List<String> s5 = VAULT.ingestFaces("jh", 5, 5);
        s6 = VAULT.ingestFaces("jh", 6, 5);
        List<String> s7 = VAULT.ingestFaces("jh", 7, 5);
        sequence = sequence("model-a", backboneRecords, s5, Jobs.concat(s6, s7));
        worker = newWorker(METERS);
        for (Job job : sequence) {
            worker.handle(Json.mapper().writeValueAsBytes(job));
            resultsOfA.put(job.jobId(), RESULTS.last().tree());
        }
        // Taken now: later tests run more jobs on the same worker.
        for (Timer timer : METERS.get("lethe.jobs").timers()) {
            timedAfterA.put(timer.getId().getTag("kind") + "/" + timer.getId().getTag("status"),
                    timer.totalTime(TimeUnit.MILLISECONDS) > 0 ? timer.count() : -1);
        }
    }

    private static List<Job> sequence(String model, List<String> backboneRecords, List<String> b1, List<String> b2) {
        Component backbone = Jobs.backbone(backboneRecords);
        Component first = Jobs.branch("b1", 11, b1);
        Component second = Jobs.branch("b2", 12, b2);
        Component secondWithoutS6 = Jobs.without(second, s6);
        return List.of(Jobs.trainBackbone(model, backbone),
                Jobs.learn(model, 2, List.of(backbone), List.of(first, second)),
                Jobs.forget(model, 3, Guarantee.EXACT, s6, List.of(backbone, first, secondWithoutS6), List.of("b2")));
    }

    static JobHandler newWorker() {
        return newWorker(new SimpleMeterRegistry());
    }

    static JobHandler newWorker(MeterRegistry meters) {
        WorkerStore store = new WorkerStore(DB);
        ModelCache cache = new ModelCache(4);
        JobExecutor executor = new JobExecutor(store, new VaultReader(DB), cache, TASKS);
        return new JobHandler(store, executor, cache, RESULTS, "test-worker", new JobMetrics(meters));
    }

    @Test
    void eachJobRunIsTimedByKindAndOutcome() {
        assertThat(timedAfterA).as("runs per kind/status (-1: no time recorded)")
                .isEqualTo(Map.of("TRAIN_BACKBONE/completed", 1L, "LEARN/completed", 1L, "FORGET/completed", 1L));
    }

    @Test
    void everyJobCompletesWithTheDigestsOfEveryComponent() {
        assertThat(resultsOfA.values()).allSatisfy(r -> assertThat(r.get("status").asText()).isEqualTo("completed"));
        assertThat(componentIds(result(1))).containsExactly("backbone");
        assertThat(componentIds(result(2))).containsExactly("backbone", "b1", "b2");
        assertThat(result(1).at("/metrics/programmingPulses").asDouble()).isPositive();
        assertThat(result(1).at("/cost/energyJoules").asDouble()).isPositive();
        assertThat(result(2).at("/metrics/sramBytesWritten").asDouble()).isPositive();
    }

    @Test
    void exactForgetRetrainsOnlyTheBranchHoldingTheSubject() throws Exception {
        Map<String, String> before = digests(result(2));
        Map<String, String> after = digests(result(3));

        assertThat(after.get("backbone")).isEqualTo(before.get("backbone"));
        assertThat(after.get("b1")).isEqualTo(before.get("b1"));
        assertThat(after.get("b2")).isNotEqualTo(before.get("b2"));
        assertThat(result(3).at("/metrics/branchesRetrained").asDouble()).isEqualTo(1.0);
        assertThat(result(3).at("/metrics/forgetAccuracy").asDouble())
                .isLessThanOrEqualTo(result(3).at("/metrics/chanceAccuracy").asDouble());
        assertThat(trainedBy("model-a", 3)).containsEntry("backbone", "model-a:v1").containsEntry("b1", "model-a:v2")
                .containsEntry("b2", "model-a:v3");
    }

    @Test
    void theSameJobsOnAnotherModelGiveTheSameDigestsEvenWhenEachJobRestoresItsBase() throws Exception {
        List<Job> again = sequence.stream().map(j -> new Job(j.jobId().replace("model-a", "model-b"), "model-b",
                j.task(), j.preset(), j.type(), j.version(), j.baseVersion(), j.components(), j.trainComponentIds(),
                j.forget())).toList();
        for (int i = 0; i < again.size(); i++) {
            newWorker().handle(Json.mapper().writeValueAsBytes(again.get(i)));
            JsonNode b = RESULTS.last().tree();
            assertThat(digests(b)).isEqualTo(digests(result(i + 1)));
            assertThat(b.at("/metrics/restoredFromSnapshot").asDouble()).isEqualTo(i == 0 ? 0.0 : 1.0);
        }
    }

    @Test
    void forgettingAWholeSliceDropsItsBranchAndLeavesTheOthersBitForBit() throws Exception {
        Job learned = sequence.get(1);
        Component b1 = learned.components().get(1);
        Component b2 = learned.components().get(2);
        List<String> s5 = b1.commitments();
        Job forgetS5 = Jobs.forget("model-a", 5, Guarantee.EXACT, s5, List.of(learned.components().get(0), b2),
                List.of("b1"));
        Job fromV2 = new Job("model-a:drop-b1", "model-a", forgetS5.task(), forgetS5.preset(), forgetS5.type(), 50, 2,
                forgetS5.components(), forgetS5.trainComponentIds(), forgetS5.forget());

        worker.handle(Json.mapper().writeValueAsBytes(fromV2));

        JsonNode r = RESULTS.last().tree();
        assertThat(r.get("status").asText()).as(r.toString()).isEqualTo("completed");
        assertThat(componentIds(r)).containsExactly("backbone", "b2");
        // Branches train on the backbone alone: dropping b1 leaves b2 exactly as it was.
        assertThat(digests(r).get("b2")).isEqualTo(digests(result(2)).get("b2"));
        assertThat(r.at("/metrics/branchesDropped").asDouble()).isEqualTo(1.0);
        assertThat(r.at("/metrics/branchesRetrainedBeyondPlan").asDouble()).isZero();
        assertThat(r.at("/metrics/forgetAccuracy").asDouble()).isZero();
    }

    @Test
    void aRedeliveredJobIsAnsweredFromItsStoredRunWithoutRecomputing() throws Exception {
        newWorker().handle(Json.mapper().writeValueAsBytes(sequence.get(1)));

        // Stored as JSONB, so the bytes are normalised; the command is the same.
        assertThat(Json.mapper().readValue(RESULTS.last().json(), CompleteJobCommand.class))
                .isEqualTo(Json.mapper().treeToValue(result(2), CompleteJobCommand.class));
        assertThat(count("SELECT count(*) FROM worker.job_runs WHERE job_id = 'model-a:v2'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM worker.components WHERE model_id = 'model-a' AND version = 2"))
                .isEqualTo(3);
    }

    @Test
    void aJobNeedingRecordsOfAShreddedSubjectFailsSayingSo() throws Exception {
        List<String> s8 = VAULT.ingestFaces("jh", 8, 3);
        VAULT.shred("jh", 8);
        Job job = Jobs.learn("model-a", 3, List.of(Jobs.backbone(backboneOf(sequence.get(0)))),
                List.of(Jobs.branch("b9", 9, s8)));
        Job renamed = new Job("model-a:shredded", job.modelId(), job.task(), job.preset(), job.type(), 90, 1,
                job.components(), job.trainComponentIds(), null);

        worker.handle(Json.mapper().writeValueAsBytes(renamed));

        JsonNode r = RESULTS.last().tree();
        assertThat(r.get("status").asText()).isEqualTo("failed");
        assertThat(r.get("reason").asText()).contains("3 subject key shredded");
    }

    @Test
    void aJobOnAnUnknownBaseVersionFails() throws Exception {
        Job job = Jobs.learn("model-nobody", 2, List.of(), List.of(Jobs.branch("b1", 1, s6)));

        worker.handle(Json.mapper().writeValueAsBytes(job));

        assertThat(RESULTS.last().tree().get("reason").asText()).contains("base version 1", "unknown");
    }

    @Test
    void deployWritesOnlyTheBranchesThatChanged() throws Exception {
        worker.handle(Json.mapper().writeValueAsBytes(Jobs.deploy("model-a", "model-a:deploy-2", 2)));
        JsonNode first = RESULTS.last().tree();
        worker.handle(Json.mapper().writeValueAsBytes(Jobs.deploy("model-a", "model-a:deploy-3", 3)));
        JsonNode second = RESULTS.last().tree();

        assertThat(first.at("/metrics/branchesAttached").asDouble()).isEqualTo(2.0);
        assertThat(first.at("/metrics/sramBytesWritten").asDouble()).isPositive();
        assertThat(second.at("/metrics/branchesAttached").asDouble()).isEqualTo(1.0);
        assertThat(second.at("/metrics/branchesDetached").asDouble()).isEqualTo(1.0);
        assertThat(second.at("/metrics/branchesKept").asDouble()).isEqualTo(1.0);
        assertThat(second.at("/metrics/sramBytesWritten").asDouble())
                .isLessThan(first.at("/metrics/sramBytesWritten").asDouble() * 2);
        assertThat(digests(second)).isEqualTo(digests(result(3)));
    }

    @Test
    void approximateForgetOfABackboneSubjectAddsAnUnlearningBranch() throws Exception {
        Job base = sequence.get(2);
        List<Component> components = new java.util.ArrayList<>(base.components());
        components.add(new Component("u1", ComponentKind.UNLEARNING_BRANCH, 6, 21, List.of(), s4));
        Job forgetS4 = Jobs.forget("model-a", 4, Guarantee.APPROXIMATE, s4, components, List.of("u1"));

        worker.handle(Json.mapper().writeValueAsBytes(forgetS4));

        JsonNode r = RESULTS.last().tree();
        assertThat(r.get("status").asText()).as(r.toString()).isEqualTo("completed");
        assertThat(componentIds(r)).containsExactly("backbone", "b1", "b2", "u1");
        assertThat(digests(r)).containsAllEntriesOf(digests(result(3)));
        assertThat(r.at("/metrics/forgetLoss").asDouble()).isGreaterThan(r.at("/metrics/forgetLossBefore").asDouble());
        assertThat(r.at("/metrics/retainAccuracy").asDouble()).isPositive();
    }

    /**
     * An erasure: s3 is forgotten APPROXIMATE (an unlearning branch), then its key is shredded; later s4 is
     * forgotten by REBASE, which also drops s3 for good (the plan the command side makes). A worker still
     * holding the model in memory, with s3's records in it, must not train on them: it gives the same
     * weights as a worker restoring the base from its snapshot, which cannot read them.
     */
    @Test
    void aRebaseAfterAnErasureNeverTrainsOnTheErasedSubjectWhereverTheBaseComesFrom() throws Exception {
        List<String> kept = Jobs.concat(VAULT.ingestFaces("jm", 1, 4), VAULT.ingestFaces("jm", 2, 4));
        List<String> erased = VAULT.ingestFaces("jm", 3, 4);
        List<String> forgotten = VAULT.ingestFaces("jm", 4, 4);
        List<String> all = Jobs.concat(kept, erased, forgotten);
        List<Component> approximate = List.of(Jobs.backbone(all),
                new Component("u1", ComponentKind.UNLEARNING_BRANCH, 6, 21, all, erased));
        List<Component> rebased = List.of(Jobs.backbone(kept));
        JobHandler holding = newWorker();
        for (String model : List.of("model-m", "model-n")) {
            JobHandler worker = model.equals("model-m") ? holding : newWorker();
            worker.handle(Json.mapper().writeValueAsBytes(Jobs.trainBackbone(model, Jobs.backbone(all))));
            worker.handle(Json.mapper().writeValueAsBytes(
                    Jobs.forget(model, 2, Guarantee.APPROXIMATE, erased, approximate, List.of("u1"))));
        }
        VAULT.shred("jm", 3);

        holding.handle(Json.mapper().writeValueAsBytes(Jobs.forget("model-m", 3, Guarantee.REBASE,
                Jobs.concat(erased, forgotten), rebased, List.of("backbone"))));
        JsonNode fromMemory = RESULTS.last().tree();
        newWorker().handle(Json.mapper().writeValueAsBytes(Jobs.forget("model-n", 3, Guarantee.REBASE,
                Jobs.concat(erased, forgotten), rebased, List.of("backbone"))));
        JsonNode fromSnapshot = RESULTS.last().tree();

        assertThat(fromMemory.get("status").asText()).as(fromMemory.toString()).isEqualTo("completed");
        assertThat(fromSnapshot.get("status").asText()).as(fromSnapshot.toString()).isEqualTo("completed");
        assertThat(componentIds(fromMemory)).containsExactly("backbone");
        assertThat(fromMemory.at("/metrics/restoredFromSnapshot").asDouble()).as("the held model was set aside")
                .isEqualTo(1.0);
        assertThat(digests(fromMemory)).isEqualTo(digests(fromSnapshot));
        assertThat(fromMemory.at("/metrics/branchesDropped").asDouble()).isEqualTo(1.0);
    }

    /**
     * After a subject's key is shredded (s3, still in the backbone), a worker holding the model in memory must
     * not train on its records: an APPROXIMATE forget of s4, whose unlearning branch trains on everything the
     * model knows, gives the same weights as on a worker restoring the base from its snapshot.
     */
    @Test
    void aModelHeldInMemoryDoesNotKeepUsingAShreddedSubject() throws Exception {
        List<String> forgotten = VAULT.ingestFaces("jn", 4, 4);
        List<String> all = Jobs.concat(VAULT.ingestFaces("jn", 1, 4), VAULT.ingestFaces("jn", 2, 4),
                VAULT.ingestFaces("jn", 3, 4), forgotten);
        JobHandler holding = newWorker();
        holding.handle(Json.mapper().writeValueAsBytes(Jobs.trainBackbone("model-p", Jobs.backbone(all))));
        newWorker().handle(Json.mapper().writeValueAsBytes(Jobs.trainBackbone("model-q", Jobs.backbone(all))));
        VAULT.shred("jn", 3);

        List<Component> withUnlearning = List.of(Jobs.backbone(all),
                new Component("u1", ComponentKind.UNLEARNING_BRANCH, 6, 21, List.of(), forgotten));
        holding.handle(Json.mapper().writeValueAsBytes(
                Jobs.forget("model-p", 2, Guarantee.APPROXIMATE, forgotten, withUnlearning, List.of("u1"))));
        JsonNode fromMemory = RESULTS.last().tree();
        newWorker().handle(Json.mapper().writeValueAsBytes(
                Jobs.forget("model-q", 2, Guarantee.APPROXIMATE, forgotten, withUnlearning, List.of("u1"))));
        JsonNode fromSnapshot = RESULTS.last().tree();

        assertThat(fromMemory.get("status").asText()).as(fromMemory.toString()).isEqualTo("completed");
        assertThat(fromSnapshot.get("status").asText()).as(fromSnapshot.toString()).isEqualTo("completed");
        assertThat(fromMemory.at("/metrics/restoredFromSnapshot").asDouble()).as("the held model was set aside")
                .isEqualTo(1.0);
        assertThat(digests(fromMemory)).isEqualTo(digests(fromSnapshot));
        assertThat(fromMemory.at("/metrics/retainAccuracy")).isEqualTo(fromSnapshot.at("/metrics/retainAccuracy"));
    }

    private static List<String> backboneOf(Job job) {
        return job.components().get(0).commitments();
    }

    private static JsonNode result(int version) {
        return resultsOfA.get("model-a:v" + version);
    }

    private static List<String> componentIds(JsonNode result) {
        return result.get("components").findValuesAsText("componentId");
    }

    private static Map<String, String> digests(JsonNode result) {
        Map<String, String> d = new LinkedHashMap<>();
        result.get("components").forEach(c -> d.put(c.get("componentId").asText(), c.get("weightsDigest").asText()));
        return d;
    }

    private static Map<String, String> trainedBy(String model, int version) throws Exception {
        Map<String, String> m = new LinkedHashMap<>();
        try (Connection c = DB.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT component_id, trained_by_job FROM worker.components WHERE model_id = ? AND version = ?")) {
            s.setString(1, model);
            s.setInt(2, version);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    m.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return m;
    }

    private static long count(String sql) throws Exception {
        try (Connection c = DB.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
