package io.lethe.sim.paper;

import io.lethe.sim.config.Nd4jRuntime;
import io.lethe.sim.config.SimConfig;
import io.lethe.sim.cost.CostLedger;
import io.lethe.sim.data.OptdigitsCsv;
import io.lethe.sim.data.SampleSource;
import io.lethe.sim.data.SimRecord;
import io.lethe.sim.device.ProgrammingResult;
import io.lethe.sim.nn.ComputeMode;
import io.lethe.sim.nn.DiffusionSchedule;
import io.lethe.sim.nn.DitNetwork;
import io.lethe.sim.nn.DitSampler;
import io.lethe.sim.nn.DitTrainer;
import io.lethe.sim.nn.Hyperparameters;
import io.lethe.sim.nn.LoraByLayer;
import io.lethe.sim.nn.Samples;
import io.lethe.sim.random.SeededRandom;
import io.lethe.sim.report.CostComparison;
import io.lethe.sim.report.CostFigures;
import io.lethe.sim.report.MembershipInference;
import io.lethe.sim.report.PaperFigures;
import io.lethe.sim.workload.DigitStyles;
import io.lethe.sim.workload.ImageTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The paper's stylized-image-generation experiment (ImageGeneration/train_cl.py, train_task1-3.sh) on a CI-size
 * ConvNeXt DiT ({@link DitNetwork}): the styled optdigits of the image task, class = (style, digit) as canvas10's
 * "{style}-{object}". Task 1: the backbone learns four styles (plain, bold, italic, inverted) off-chip and is
 * programmed into analogue tiles. Task 2: style owner "bold" (all ten of its classes, as the paper forgets classes
 * 0-5) is forgotten by a rank-4, alpha-8 LoRA branch on fc1/fc2 with the paper's "CG" objective. Task 3: a second
 * branch adds the "checker" style beside the frozen unlearning branch, 3 of every 4 records from the retained old
 * styles (the paper's {@code k_gr=3}). Against task 2: the analogue-update baseline of the same job (fc1/fc2 trained
 * on the array, same records, epochs and seed) and a retrain from scratch without bold. Standalone, like
 * {@link MixerFaceRun}: the workers keep their CI-size MLP.
 */
public final class DitImageRun {

    static final long BACKBONE_SEED = 1;
    static final long UNLEARN_SEED = 21;
    static final long CONTINUAL_SEED = 31;
    static final long EVAL_SEED = 7;
    static final List<String> BACKBONE_STYLES = List.of("plain", "bold", "italic", "inverted");
    static final String FORGET = "bold";
    static final String NEW_STYLE = "checker";
    static final int DIGITS = 10;
    static final int CONDITIONS = DigitStyles.OWNERS.size() + DIGITS;

    /**
     * Sizes and schedules of one run.
     *
     * @param depth blocks
     * @param hidden token width
     * @param mlp fc1 width
     * @param perStyle training records per style
     * @param heldOut held-out records of the forgotten style (MIA non-members)
     * @param scheduleSteps diffusion steps of training
     * @param backbone backbone (and retrain) schedule
     * @param unlearn the unlearning job (both sides)
     * @param continual the continual-learning branch's schedule
     * @param samplesPerCondition generated samples per style condition
     * @param samplingSteps DDIM steps per sample
     */
    public record Settings(int depth, int hidden, int mlp, int perStyle, int heldOut, int scheduleSteps,
                           Hyperparameters backbone, Hyperparameters unlearn, Hyperparameters continual,
                           int samplesPerCondition, int samplingSteps) {

        /** The CI size of {@code lethe sim report --task image --arch paper}. */
        public static Settings ci() {
            return new Settings(2, 32, 128, 150, 60, 100, new Hyperparameters(50, 0.005, 64, 8),
                    new Hyperparameters(20, 0.01, 64, 8), new Hyperparameters(20, 0.01, 64, 8), 50, 10);
        }

        String describe() {
            return String.format(java.util.Locale.ROOT, "ConvNeXt DiT %d blocks, hidden %d, MLP %d, patch 2 (16 "
                            + "tokens of 2x2 pixels), depthwise 3x3, adaLN from timestep + class (style one-hot + digit "
                            + "one-hot), no biases; styled optdigits 8x8, %d training records per style (tra rows), "
                            + "%d held-out bold records (tes rows); linear beta schedule of %d steps; backbone "
                            + "plain/bold/italic/inverted %d float Adam epochs (lr %s, batch %d); unlearning bold "
                            + "(classes bold-0..9) by CG (uniform random target), LoRA rank 4 alpha 8 on fc1/fc2, %d "
                            + "epochs, lr %s, batch %d; continual learning adds checker in a second branch beside it, "
                            + "3 of 4 records from plain/italic/inverted, %d epochs; retrain without bold %d epochs; "
                            + "%d samples per condition, %d DDIM steps, no guidance (paper: 1000 steps, 100 sampling "
                            + "steps, CFG 4.0, DiT-B/2 on SD-VAE latents)", depth, hidden, mlp, perStyle, heldOut,
                    scheduleSteps, backbone.epochs(), backbone.learningRate(), backbone.batchSize(), unlearn.epochs(),
                    unlearn.learningRate(), unlearn.batchSize(), continual.epochs(), backbone.epochs(),
                    samplesPerCondition, samplingSteps);
        }
    }

    private final SimConfig config;
    private final CostComparison prices;
    private final Settings settings;
    private final DiffusionSchedule schedule;

    /** A run of {@code settings} on the chip {@code config} describes, priced by its cost table. */
    public DitImageRun(SimConfig config, Settings settings) {
        Nd4jRuntime.configure();
        this.config = config;
        this.prices = new CostComparison(config.costs());
        this.settings = settings;
        this.schedule = new DiffusionSchedule(settings.scheduleSteps());
    }

    /** Runs the experiment on the bundled optdigits. */
    public OnChipReport run(SampleSource source) {
        long start = System.currentTimeMillis();
        // The style judge (a host MLP, seeded) trains on a second core beside the backbone's float training, and is
        // joined before anything the report times.
        CompletableFuture<ImageTask> judgeTraining = CompletableFuture.supplyAsync(() -> new ImageTask(source));
        List<SimRecord> train = ImageTask.records(source, "tra", BACKBONE_STYLES, settings.perStyle());
        List<String> retainedStyles = BACKBONE_STYLES.stream().filter(s -> !s.equals(FORGET)).toList();
        Samples learn = samples(train);
        Set<Integer> forget = Set.of(DigitStyles.OWNERS.indexOf(FORGET));

        DitNetwork backbone = fresh();
        DitTrainer.trainFloat(backbone, schedule, learn, settings.backbone(), BACKBONE_SEED, new CostLedger());
        ProgrammingResult programmed = backbone.program(config, SeededRandom.deriveSeed(BACKBONE_SEED, "device"),
                SeededRandom.derive(BACKBONE_SEED, "programming"), new CostLedger());
        ImageTask judge = judgeTraining.join();

        Hyperparameters job = settings.unlearn();
        long t0 = System.currentTimeMillis();
        DitNetwork hybrid = backbone.copy();
        LoraByLayer lora = hybrid.initLora(4, 8, SeededRandom.derive(UNLEARN_SEED, "branch-init"));
        CostLedger loraCost = new CostLedger();
        DitTrainer.trainLora(hybrid, lora, LoraByLayer.NONE, schedule, learn, forget, job, UNLEARN_SEED, loraCost);
        LoraByLayer deployed = lora.quantized();
        long unlearnMillis = System.currentTimeMillis() - t0;

        t0 = System.currentTimeMillis();
        List<String> continualStyles = new ArrayList<>(retainedStyles);
        continualStyles.add(NEW_STYLE);
        LoraByLayer continual = hybrid.initLora(4, 8, SeededRandom.derive(CONTINUAL_SEED, "branch-init"));
        DitTrainer.trainLora(hybrid, continual, deployed, schedule,
                samples(ImageTask.records(source, "tra", continualStyles, settings.perStyle())), Set.of(),
                settings.continual(), CONTINUAL_SEED, new CostLedger());
        LoraByLayer continualDeployed = continual.quantized();
        long continualMillis = System.currentTimeMillis() - t0;

        t0 = System.currentTimeMillis();
        DitNetwork reference = fresh();
        CostLedger referenceCost = new CostLedger();
        DitTrainer.trainFloat(reference, schedule, samples(ImageTask.records(source, "tra", retainedStyles,
                settings.perStyle())), settings.backbone(), BACKBONE_SEED, referenceCost);
        reference.program(config, SeededRandom.deriveSeed(BACKBONE_SEED, "reference-device"),
                SeededRandom.derive(BACKBONE_SEED, "reference-programming"), referenceCost);
        long referenceMillis = System.currentTimeMillis() - t0;

        // The analogue-update baseline (its own copies of the programmed backbone, its own seeds; nothing times it)
        // trains on a second core while the other models' samples are generated and judged.
        InSitu baselineCopies = new InSitu(backbone.copy(), backbone.copy(), backbone.copy());
        CompletableFuture<InSitu> inSituTraining = CompletableFuture.supplyAsync(
                () -> baselineCopies.train(schedule, learn, forget, job));
        Judged before = judge(judge, backbone, LoraByLayer.NONE, LoraByLayer.NONE, retainedStyles);
        Judged after = judge(judge, hybrid, deployed, LoraByLayer.NONE, retainedStyles);
        Judged retrained = judge(judge, reference, LoraByLayer.NONE, LoraByLayer.NONE, retainedStyles);
        Judged afterContinual = judge(judge, hybrid, continualDeployed, deployed, retainedStyles);
        double newBefore = styleFraction(judge, hybrid, deployed, LoraByLayer.NONE, NEW_STYLE);
        double newAfter = styleFraction(judge, hybrid, continualDeployed, deployed, NEW_STYLE);
        InSitu inSitu = inSituTraining.join();
        DitNetwork insitu = inSitu.trained;
        CostLedger insituCost = inSitu.cost;
        ProgrammingResult insituPulses = inSitu.pulses;
        OnChip.Deploy deploy = inSitu.deploy;
        Judged baseline = judge(judge, insitu, LoraByLayer.NONE, LoraByLayer.NONE, retainedStyles);
        DitGeneration generation = new DitGeneration(DitGeneration.DEFINITION, settings.samplesPerCondition(),
                settings.samplingSteps(), FORGET, NEW_STYLE, before.forgotten, after.forgotten, baseline.forgotten,
                retrained.forgotten, afterContinual.forgotten, before.retained, after.retained, baseline.retained,
                retrained.retained, afterContinual.retained, newBefore, newAfter, continualMillis);

        Samples members = samples(train.stream().filter(r -> r.label().equals(FORGET)).toList());
        Samples nonMembers = samples(ImageTask.records(source, "tes", List.of(FORGET), settings.heldOut()));
        OnChipReport.Quality q = new OnChipReport.Quality(FORGET, 1.0 / DigitStyles.OWNERS.size(),
                before.retained, after.retained, before.forgotten, after.forgotten, baseline.retained,
                baseline.forgotten, retrained.retained, retrained.forgotten,
                mia(hybrid, deployed, members, nonMembers), mia(backbone, LoraByLayer.NONE, members, nonMembers),
                mia(reference, LoraByLayer.NONE, members, nonMembers));

        long insituParams = insitu.parameters(insitu.adaptedLayers(), false).values().stream()
                .mapToLong(INDArray::length).sum();
        CostFigures.Training training = prices.training(insituCost, insituParams, insituPulses.totalPulses(),
                loraCost, lora.parameterCount(), learn.size(), job.epochs());
        CostFigures.Deployment deployment = prices.deployment(deployed.sramBytes(), deploy.changedCost(),
                deploy.changed(), deploy.fullCost(), deploy.full());
        DiffusionSchedule.Pairs one = schedule.draw(members.select(new int[] {0}), Set.of(), new SeededRandom(EVAL_SEED));
        CostFigures.Inference inference = OnChip.inference(prices, hybrid, deployed, one.inputs());
        return new OnChipReport("image", "ConvNeXt DiT", config.presetName(), config.costs().resourceName(),
                settings.describe() + "; inference figures are per network evaluation (a sample is "
                        + settings.samplingSteps() + " of them, the same on every side)", q, null,
                backbone.weightCount(), programmed.totalPulses(), training, deployment, inference, unlearnMillis,
                referenceMillis, loraCost.energyJoules(config.costs()) + deployment.hybridEnergyJoules(),
                referenceCost.energyJoules(config.costs()), PaperFigures.SEED_PAPER,
                System.currentTimeMillis() - start, generation);
    }

    /**
     * The analogue-update baseline: fc1/fc2 trained on the array of {@code trained} with write-verify after every
     * step, then deployed onto a chip holding the original model (changed cells, and a full reprogram).
     */
    private static final class InSitu {
        final DitNetwork trained;
        final DitNetwork changedChip;
        final DitNetwork fullChip;
        final CostLedger cost = new CostLedger();
        ProgrammingResult pulses;
        OnChip.Deploy deploy;

        InSitu(DitNetwork trained, DitNetwork changedChip, DitNetwork fullChip) {
            this.trained = trained;
            this.changedChip = changedChip;
            this.fullChip = fullChip;
        }

        InSitu train(DiffusionSchedule schedule, Samples learn, Set<Integer> forget, Hyperparameters job) {
            pulses = DitTrainer.trainInSitu(trained, schedule, learn, forget, job, UNLEARN_SEED, cost);
            deploy = OnChip.deployBaseline(changedChip, fullChip, trained, UNLEARN_SEED);
            return this;
        }
    }

    private DitNetwork fresh() {
        return DitNetwork.init(settings.depth(), settings.hidden(), settings.mlp(), CONDITIONS,
                SeededRandom.derive(BACKBONE_SEED, "init"));
    }

    /** Forgotten-style fraction and the retained styles' own-style fraction of one model's samples. */
    private record Judged(double forgotten, double retained) {
    }

    private Judged judge(ImageTask judge, DitNetwork net, LoraByLayer lora, LoraByLayer fixed, List<String> retained) {
        double own = retained.stream().mapToDouble(s -> styleFraction(judge, net, lora, fixed, s)).average()
                .orElse(Double.NaN);
        return new Judged(styleFraction(judge, net, lora, fixed, FORGET), own);
    }

    /** Fraction of samples conditioned on {@code style} (digits in turn) that the classifier judges {@code style}. */
    private double styleFraction(ImageTask judge, DitNetwork net, LoraByLayer lora, LoraByLayer fixed, String style) {
        int n = settings.samplesPerCondition();
        double[][] conditions = new double[n][];
        for (int i = 0; i < n; i++) {
            conditions[i] = condition(style, i % DIGITS);
        }
        INDArray images = DitSampler.sample(net, lora, fixed, schedule, Nd4j.createFromArray(conditions),
                settings.samplingSteps(), SeededRandom.deriveSeed(EVAL_SEED, "samples/" + style), new CostLedger());
        return (double) judge.judgeStyles(images).stream().filter(style::equals).count() / n;
    }

    /** Loss-threshold MIA on the noise-prediction loss, with one fixed seeded (timestep, noise) per record. */
    private MembershipInference.Estimate mia(DitNetwork net, LoraByLayer lora, Samples members, Samples nonMembers) {
        return MembershipInference.estimate(losses(net, lora, members), losses(net, lora, nonMembers), EVAL_SEED);
    }

    private List<Double> losses(DitNetwork net, LoraByLayer lora, Samples set) {
        DiffusionSchedule.Pairs pairs = schedule.draw(set, Set.of(), SeededRandom.derive(EVAL_SEED, "mia-pairs"));
        INDArray eps = net.logits(pairs.inputs(), ComputeMode.ANALOG, lora, new SeededRandom(EVAL_SEED),
                new CostLedger());
        INDArray diff = eps.sub(pairs.targets());
        double[] perRow = diff.mul(diff).mean(1).toDoubleVector();
        List<Double> out = new ArrayList<>();
        for (double v : perRow) {
            out.add(v);
        }
        return out;
    }

    /** Rows of 64 clean pixels in [-1, 1] and the condition one-hots; labels are the style index. */
    static Samples samples(List<SimRecord> records) {
        double[][] rows = new double[records.size()][];
        int[] labels = new int[records.size()];
        for (int i = 0; i < rows.length; i++) {
            SimRecord r = records.get(i);
            OptdigitsCsv.Row row = OptdigitsCsv.parseRow(r.payload());
            double[] pixels = DigitStyles.render(r.label(), row.pixels());
            double[] c = condition(r.label(), row.digit());
            rows[i] = new double[DitNetwork.PIXELS + CONDITIONS];
            for (int p = 0; p < DitNetwork.PIXELS; p++) {
                rows[i][p] = 2 * pixels[p] - 1;
            }
            System.arraycopy(c, 0, rows[i], DitNetwork.PIXELS, CONDITIONS);
            labels[i] = DigitStyles.OWNERS.indexOf(r.label());
        }
        double[] w = new double[rows.length];
        java.util.Arrays.fill(w, 1.0);
        return new Samples(Nd4j.createFromArray(rows), labels, null, w);
    }

    /** The one-hots of class (style, digit). */
    static double[] condition(String style, int digit) {
        double[] c = new double[CONDITIONS];
        c[DigitStyles.OWNERS.indexOf(style)] = 1;
        c[DigitStyles.OWNERS.size() + digit] = 1;
        return c;
    }
}
