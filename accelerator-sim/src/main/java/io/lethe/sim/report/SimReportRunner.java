package io.lethe.sim.report;

import io.lethe.sim.config.Nd4jRuntime;
import io.lethe.sim.config.Presets;
import io.lethe.sim.config.SimConfig;
import io.lethe.sim.cost.CostTable;
import io.lethe.sim.data.SampleSource;
import io.lethe.sim.data.SimRecord;
import io.lethe.sim.model.BackboneResult;
import io.lethe.sim.model.BackboneSpec;
import io.lethe.sim.model.BaselineResult;
import io.lethe.sim.model.BranchResult;
import io.lethe.sim.model.BranchSpec;
import io.lethe.sim.model.ForgetRequest;
import io.lethe.sim.model.ForgetResult;
import io.lethe.sim.model.SimModel;
import io.lethe.sim.random.SeededRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs one task's report: learn (backbone + adapt), forget three ways against retrain-from-scratch
 * references, the analogue-update baseline, and the cost ratios. Entry point for
 * {@code lethe sim report --task face|speaker|image}.
 */
public final class SimReportRunner {

    static final long BACKBONE_SEED = 1;
    static final long ADAPT_SEED = 11;
    static final long UNLEARN_SEED = 21;
    static final long EVAL_SEED = 7;
    private static final int STEPS = 9;
    private static final int MIN_MIA_RECORDS = 30;

    private final SimConfig config;

    public SimReportRunner() {
        this(configured());
    }

    private static SimConfig configured() {
        Nd4jRuntime.configure();
        return Presets.paper180nm();
    }

    public SimReportRunner(SimConfig config) {
        Nd4jRuntime.configure();
        this.config = config;
    }

    /** Runs the CI-sized report of {@code task} on records read from {@code source}. */
    public SimReport run(String task, SampleSource source, ProgressListener progress) {
        return run(task, source, progress, 0);
    }

    /**
     * The same, and with {@code challengeModels > 0} the unlearning challenge's score of the APPROXIMATE forget
     * from that many unlearned and retrained models ({@link ChallengeOutcome}).
     */
    public SimReport run(String task, SampleSource source, ProgressListener progress, int challengeModels) {
        if (challengeModels != 0 && challengeModels < 3) {
            // With 2 a side ceil(ln(N - 1)) is 0: no bucket, every score 0.
            throw new IllegalArgumentException("the challenge score needs at least 3 models a side, or 0 for none");
        }
        long start = System.currentTimeMillis();
        progress.step("loading " + task + " data", 0, steps(challengeModels));
        WorkloadPlan plan = Plans.forTask(task, source);
        return new Run(plan, progress, challengeModels).execute(start);
    }

    private static int steps(int challengeModels) {
        return STEPS + (challengeModels > 0 ? 1 : 0);
    }

    private final class Run {
        private final WorkloadPlan plan;
        private final ProgressListener progress;
        private final int challengeModels;
        private final CostTable table = config.costs();
        private int done;

        Run(WorkloadPlan plan, ProgressListener progress, int challengeModels) {
            this.plan = plan;
            this.progress = progress;
            this.challengeModels = challengeModels;
        }

        private void step(String next) {
            progress.step(next, ++done, steps(challengeModels));
        }

        SimReport execute(long start) {
            step("training and programming the backbone");
            SimModel model = SimModel.create(plan.task(), config);
            BackboneResult backbone = model.trainBackbone(backboneSpec(), plan.baseTrain());
            double backboneAccuracy = accuracy(model, plan.baseTest());
            double newBefore = accuracy(model, plan.newTest());
            step("adapting to new classes");
            model.adapt(adaptSpec(), adaptSlice());
            double newAfter = accuracy(model, plan.newTest());
            double original = accuracy(model, allTest());

            step("APPROXIMATE forget");
            SimModel approximate = model.copy();
            ForgetResult approx = approximate.forget(ForgetRequest.approximate(ids(plan.baseTrain(),
                    plan.baseForgetGroup()), "unlearn-1", plan.unlearnRank(), UNLEARN_SEED,
                    plan.unlearnHyperparameters(), plan.approximateObjective()));
            step("retrain-from-scratch reference without " + plan.baseForgetName());
            Reference baseReference = reference(plan.baseForgetGroup());
            step("analogue-update baseline");
            BranchResult unlearnBranch = approx.retrainedBranches().get(0);
            // The same records the unlearning branch trained on (every record the model has seen), same seed,
            // objective and hyperparameters: only what is trained, and where, differs.
            List<SimRecord> jobData = model.knownRecords();
            requireSameData(unlearnBranch, jobData);
            BaselineResult baseline = model.analogueUpdateBaseline(unlearnBranch.spec(), jobData);
            step("EXACT forget");
            SimModel exact = model.copy();
            ForgetResult exactResult = exact.forget(ForgetRequest.exact(ids(plan.newTrain(), plan.newForgetGroup())));
            step("retrain-from-scratch reference without " + plan.newForgetName());
            Reference newReference = reference(plan.newForgetGroup());
            step("REBASE forget");
            SimModel rebase = model.copy();
            ForgetResult rebaseResult = rebase.forget(ForgetRequest.rebase(ids(plan.baseTrain(), plan.baseForgetGroup())));
            ChallengeOutcome challenge = null;
            if (challengeModels > 0) {
                step("challenge score: " + challengeModels + " unlearned and " + challengeModels + " retrained models");
                challenge = challenge(model, plan.baseForgetGroup());
            }
            step("cost figures");

            List<ForgetOutcome> forgets = List.of(
                    outcome(model, approximate, approx, plan.baseForgetGroup(),
                            plan.approximateObjective().name(), baseReference),
                    outcome(model, exact, exactResult, plan.newForgetGroup(), "slice retraining", newReference),
                    outcome(model, rebase, rebaseResult, plan.baseForgetGroup(), "backbone retrain + reprogram",
                            baseReference));
            CostFigures costs = new CostComparison(table).compare(approximate, unlearnBranch, baseline, backbone,
                    jobData.size(), unlearnBranch.spec().hyperparameters().epochs(), plan.baseTest().get(0));
            long wall = System.currentTimeMillis() - start;
            Map<String, Boolean> doneWhen = doneWhen(forgets, wall);
            step("done");
            return new SimReport(plan.task().name(), config.presetName(), table.resourceName(), plan.settingsNote(),
                    backboneAccuracy, newBefore, newAfter, original, forgets, costs.training().energyRatio(),
                    costs.deployment().energyRatio(), costs.inference().energyRatio(), costs, challenge,
                    PaperFigures.SEED_PAPER, SimReport.DEFINITIONS, doneWhen, wall);
        }

        private static void requireSameData(BranchResult branch, List<SimRecord> jobData) {
            if (!branch.sliceRecordIds().equals(jobData.stream().map(SimRecord::recordId).toList())) {
                throw new IllegalStateException("the baseline must train on the unlearning branch's records");
            }
        }

        private BackboneSpec backboneSpec() {
            return new BackboneSpec(plan.baseClasses(), BACKBONE_SEED, plan.task().backboneHyperparameters());
        }

        private BranchSpec adaptSpec() {
            return BranchSpec.learn("adapt-1", plan.adaptRank(), ADAPT_SEED, plan.task().branchHyperparameters(),
                    plan.newClasses());
        }

        /** New-class records plus the base training records as replay (so old classes are not overwritten). */
        private List<SimRecord> adaptSlice() {
            return Stream.concat(plan.newTrain().stream(), plan.baseTrain().stream()).toList();
        }

        private List<SimRecord> allTest() {
            return Stream.concat(plan.baseTest().stream(), plan.newTest().stream()).toList();
        }

        private List<SimRecord> allTrain() {
            return Stream.concat(plan.baseTrain().stream(), plan.newTrain().stream()).toList();
        }

        private record Reference(SimModel model, double energyJoules, long wallMillis) {
        }

        /** A fresh model with the original's seeds (so its device variation too), every slice without {@code excluded}. */
        private Reference reference(List<String> excluded) {
            return reference(excluded, backboneSpec(), adaptSpec());
        }

        /**
         * A fresh model on a chip with the original's device variation (the original's is drawn from its backbone
         * seed), every slice without {@code excluded}.
         */
        private Reference reference(List<String> excluded, BackboneSpec backboneSpec, BranchSpec adaptSpec) {
            long start = System.currentTimeMillis();
            SimModel ref = SimModel.create(plan.task(), config);
            BackboneResult b = ref.trainBackbone(backboneSpec, without(plan.baseTrain(), excluded),
                    SeededRandom.deriveSeed(BACKBONE_SEED, "device"));
            BranchResult a = ref.adapt(adaptSpec, without(adaptSlice(), excluded));
            double energy = b.trainingCost().energyJoules(table) + b.programmingCost().energyJoules(table)
                    + a.cost().energyJoules(table);
            return new Reference(ref, energy, System.currentTimeMillis() - start);
        }

        /**
         * The APPROXIMATE forget of {@code forgotten} from {@code original} with {@link #challengeModels} unlearning
         * seeds, against as many retrains from scratch with as many seeds, scored as the unlearning challenge does;
         * and the score of as many further retrains (other seeds) against the same ones: what retraining itself, the
         * challenge's oracle, scores at this number of models.
         */
        private ChallengeOutcome challenge(SimModel original, List<String> forgotten) {
            long start = System.currentTimeMillis();
            List<SimRecord> forgetSet = only(allTrain(), forgotten);
            List<SimRecord> retain = without(allTrain(), forgotten);
            List<SimRecord> test = without(allTest(), forgotten);
            int n = challengeModels;
            double[][] unlearnedConfidence = new double[n][];
            double[][] retrainedConfidence = new double[n][];
            double[][] oracleConfidence = new double[n][];
            double[] accuracy = new double[4];
            for (int k = 0; k < n; k++) {
                String purpose = "challenge/" + k;
                SimModel unlearned = original.copy();
                unlearned.forget(ForgetRequest.approximate(ids(plan.baseTrain(), forgotten), "unlearn-1",
                        plan.unlearnRank(), SeededRandom.deriveSeed(UNLEARN_SEED, purpose),
                        plan.unlearnHyperparameters(), plan.approximateObjective()));
                SimModel retrained = retrain(forgotten, purpose);
                unlearnedConfidence[k] = confidences(unlearned, forgetSet);
                retrainedConfidence[k] = confidences(retrained, forgetSet);
                oracleConfidence[k] = confidences(retrain(forgotten, "challenge-oracle/" + k), forgetSet);
                accuracy[0] += accuracy(unlearned, retain) / n;
                accuracy[1] += accuracy(retrained, retain) / n;
                accuracy[2] += accuracy(unlearned, test) / n;
                accuracy[3] += accuracy(retrained, test) / n;
            }
            double[] eps = ChallengeForgetScore.epsilons(unlearnedConfidence, retrainedConfidence);
            double forgetScore = ChallengeForgetScore.forgetScore(eps, n);
            double oracleScore = ChallengeForgetScore.forgetScore(oracleConfidence, retrainedConfidence);
            double atCap = java.util.Arrays.stream(eps).filter(e -> e >= ChallengeForgetScore.EPSILON_CAP).count()
                    / (double) eps.length;
            return new ChallengeOutcome(ChallengeOutcome.DEFINITION, n, forgetSet.size(), forgetScore, oracleScore,
                    forgetScore * accuracy[0] / accuracy[1] * accuracy[2] / accuracy[3], accuracy[0], accuracy[1],
                    accuracy[2], accuracy[3], ChallengeForgetScore.median(eps),
                    java.util.Arrays.stream(eps).max().orElse(Double.NaN), atCap, Math.ceil(Math.log(n - 1)),
                    System.currentTimeMillis() - start);
        }

        /** A retrain from scratch without {@code forgotten}, its backbone and adapt seeds derived for {@code purpose}. */
        private SimModel retrain(List<String> forgotten, String purpose) {
            return reference(forgotten,
                    new BackboneSpec(plan.baseClasses(), SeededRandom.deriveSeed(BACKBONE_SEED, purpose),
                            plan.task().backboneHyperparameters()),
                    BranchSpec.learn("adapt-1", plan.adaptRank(), SeededRandom.deriveSeed(ADAPT_SEED, purpose),
                            plan.task().branchHyperparameters(), plan.newClasses())).model();
        }

        private ForgetOutcome outcome(SimModel before, SimModel after, ForgetResult result, List<String> forgotten,
                                      String method, Reference ref) {
            List<SimRecord> retained = without(allTest(), forgotten);
            List<SimRecord> forgottenTest = only(allTest(), forgotten);
            List<SimRecord> forgottenTrain = only(allTrain(), forgotten);
            double chance = 1.0 / after.classes().size();
            return new ForgetOutcome(result.mode().name(), String.join(",", forgotten), method, forgottenTrain.size(), chance,
                    accuracy(before, retained), accuracy(after, retained),
                    accuracy(before, forgottenTest), accuracy(after, forgottenTest), accuracy(after, forgottenTrain),
                    accuracy(ref.model(), retained), accuracy(ref.model(), forgottenTest),
                    mia(after, forgottenTrain, forgottenTest), mia(before, forgottenTrain, forgottenTest),
                    mia(ref.model(), forgottenTrain, forgottenTest),
                    miaEstimate(after, forgottenTrain, forgottenTest), miaEstimate(ref.model(), forgottenTrain, forgottenTest),
                    result.wallMillis(), ref.wallMillis(), result.cost().energyJoules(table), ref.energyJoules(),
                    result.retrainedBranches().stream().map(b -> b.spec().branchId()).toList(),
                    result.sramBytesWritten(), result.reprogramming().totalPulses());
        }

        private Map<String, Boolean> doneWhen(List<ForgetOutcome> forgets, long wall) {
            Map<String, Boolean> checks = new LinkedHashMap<>();
            for (ForgetOutcome f : forgets) {
                if (f.mode().equals("REBASE")) {
                    continue;
                }
                checks.put(f.mode() + " forgotten accuracy <= chance",
                        f.forgottenAccuracyAfter() <= f.chance() + 1e-9);
                checks.put(f.mode() + " retained accuracy within 1 point of original",
                        f.retainedAccuracyAfter() >= f.retainedAccuracyBefore() - 0.01 - 1e-9);
                checks.put(f.mode() + " MIA AUC 95% interval overlaps the retrain reference's",
                        f.mia().overlaps(f.referenceMia()));
            }
            ForgetOutcome exact = forgets.get(1);
            checks.put("EXACT MIA AUC within 0.05 of retrain reference",
                    Math.abs(exact.miaAuc() - exact.referenceMiaAuc()) <= 0.05 + 1e-9);
            // A narrow interval alone is not enough: losses that all saturate give a zero-width one.
            checks.put("EXACT MIA on at least 30 members and 30 non-members (enough for its interval)",
                    exact.mia().members() >= MIN_MIA_RECORDS && exact.mia().nonMembers() >= MIN_MIA_RECORDS);
            checks.put("report within 60 s", wall <= 60_000);
            return checks;
        }
    }

    private static double accuracy(SimModel model, List<SimRecord> records) {
        return model.evaluate(records, EVAL_SEED).accuracy();
    }

    /** The challenge's confidence of each record under {@code model}, in the records' order. */
    private static double[] confidences(SimModel model, List<SimRecord> records) {
        Map<String, Double> byRecord = model.evaluate(records, EVAL_SEED).confidenceByRecord();
        return records.stream().mapToDouble(r -> byRecord.get(r.recordId())).toArray();
    }

    private static double mia(SimModel model, List<SimRecord> members, List<SimRecord> nonMembers) {
        return miaEstimate(model, members, nonMembers).auc();
    }

    private static MembershipInference.Estimate miaEstimate(SimModel model, List<SimRecord> members,
                                                            List<SimRecord> nonMembers) {
        Map<String, Double> m = model.evaluate(members, EVAL_SEED).lossByRecord();
        Map<String, Double> n = model.evaluate(nonMembers, EVAL_SEED).lossByRecord();
        return MembershipInference.estimate(new ArrayList<>(m.values()), new ArrayList<>(n.values()), EVAL_SEED);
    }

    private static Set<String> ids(List<SimRecord> records, List<String> labels) {
        return records.stream().filter(r -> labels.contains(r.label())).map(SimRecord::recordId)
                .collect(Collectors.toSet());
    }

    private static List<SimRecord> only(List<SimRecord> records, List<String> labels) {
        return records.stream().filter(r -> labels.contains(r.label())).toList();
    }

    private static List<SimRecord> without(List<SimRecord> records, List<String> labels) {
        return records.stream().filter(r -> !labels.contains(r.label())).toList();
    }
}
