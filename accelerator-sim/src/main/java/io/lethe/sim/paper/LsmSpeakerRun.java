package io.lethe.sim.paper;

import io.lethe.sim.config.Nd4jRuntime;
import io.lethe.sim.config.SimConfig;
import io.lethe.sim.cost.CostLedger;
import io.lethe.sim.data.SampleSource;
import io.lethe.sim.data.SimRecord;
import io.lethe.sim.data.SpeakerSpectrogram;
import io.lethe.sim.data.WavPcm16;
import io.lethe.sim.device.ProgrammingResult;
import io.lethe.sim.nn.Hyperparameters;
import io.lethe.sim.nn.LoraByLayer;
import io.lethe.sim.nn.LsmNetwork;
import io.lethe.sim.nn.LsmTrainer;
import io.lethe.sim.nn.Samples;
import io.lethe.sim.random.SeededRandom;
import io.lethe.sim.report.CostComparison;
import io.lethe.sim.report.CostFigures;
import io.lethe.sim.report.PaperFigures;
import io.lethe.sim.workload.SpeakerTask;
import java.util.List;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The paper's speaker experiment on the paper's model (SpeakerAuthentication/train_randlabel_lora.py): the
 * spiking liquid-state network (140 inputs x 10 windows, 512 LIF neurons with a 512x512 recurrent layer, readout
 * on spike counts) trained on five FSDD speakers (the paper uses the top-5 SSC speakers), programmed into
 * analogue tiles, then speaker 1 (jackson) forgotten by random relabelling with a rank-8, alpha-16 LoRA branch
 * on fc1 and fc1h. Against it: the analogue-update baseline of the same job (fc1 and fc1h trained on the array,
 * same data, epochs, seed) and a retrain from scratch without the speaker. Standalone, like {@link MixerFaceRun}.
 */
public final class LsmSpeakerRun {

    static final long BACKBONE_SEED = 1;
    static final long UNLEARN_SEED = 21;
    static final long EVAL_SEED = 7;
    static final List<String> SPEAKERS = List.of("george", "jackson", "lucas", "nicolas", "theo");
    static final int FORGET = 1;
    static final int NEURONS = 512;

    static final String SETTINGS = "spiking LSM 140 x 10 -> 512 LIF (threshold 0.3, decay 0.5, 512x512 "
            + "recurrent) -> 5 on spike counts; FSDD george, jackson, lucas, nicolas, theo, digits 0-9, takes 0-6 "
            + "train (350), 7-9 held out (150); backbone 40 float Adam epochs (lr 0.005, batch 64); unlearning "
            + "jackson by random relabelling, LoRA rank 8 alpha 16 on fc1/fc1h, 8 epochs, batch 128, Adam lr 0.01 "
            + "(paper: 60 epochs SGD lr 0.05, MSE); retrain 40 epochs";

    private final SimConfig config;
    private final CostComparison prices;

    /** A run on the chip {@code config} describes, priced by its cost table. */
    public LsmSpeakerRun(SimConfig config) {
        Nd4jRuntime.configure();
        this.config = config;
        this.prices = new CostComparison(config.costs());
    }

    /** Runs the experiment on the bundled FSDD recordings. */
    public OnChipReport run(SampleSource source) {
        long start = System.currentTimeMillis();
        List<Integer> digits = range(0, 9);
        List<SimRecord> train = SpeakerTask.records(source, SPEAKERS, digits, range(0, 6));
        List<SimRecord> test = SpeakerTask.records(source, SPEAKERS, digits, range(7, 9));
        INDArray trainX = features(train);
        INDArray testX = features(test);
        int[] trainY = labels(train);
        int[] testY = labels(test);
        Hyperparameters backboneHp = new Hyperparameters(40, 0.005, 64, 16);

        LsmNetwork backbone = fresh();
        LsmTrainer.trainFloat(backbone, samples(trainX, trainY, null), backboneHp, BACKBONE_SEED, new CostLedger());
        ProgrammingResult programmed = backbone.program(config, SeededRandom.deriveSeed(BACKBONE_SEED, "device"),
                SeededRandom.derive(BACKBONE_SEED, "programming"), new CostLedger());

        Samples unlearn = samples(trainX, trainY, SeededRandom.derive(UNLEARN_SEED, "relabel"));
        Hyperparameters job = new Hyperparameters(8, 0.01, 128, 16);
        long t0 = System.currentTimeMillis();
        LsmNetwork hybrid = backbone.copy();
        LoraByLayer lora = hybrid.initLora(8, 16, SeededRandom.derive(UNLEARN_SEED, "branch-init"));
        CostLedger loraCost = new CostLedger();
        LsmTrainer.trainLora(hybrid, lora, unlearn, job, UNLEARN_SEED, loraCost);
        LoraByLayer deployed = lora.quantized();
        long unlearnMillis = System.currentTimeMillis() - t0;

        LsmNetwork insitu = backbone.copy();
        CostLedger insituCost = new CostLedger();
        ProgrammingResult insituPulses = LsmTrainer.trainInSitu(insitu, unlearn, job, UNLEARN_SEED, insituCost);
        OnChip.Deploy deploy = OnChip.deployBaseline(backbone.copy(), backbone.copy(), insitu, UNLEARN_SEED);

        t0 = System.currentTimeMillis();
        int[] keep = IntStream.range(0, trainY.length).filter(i -> trainY[i] != FORGET).toArray();
        LsmNetwork reference = fresh();
        CostLedger referenceCost = new CostLedger();
        LsmTrainer.trainFloat(reference, samples(trainX.getRows(keep), pick(trainY, keep), null), backboneHp,
                BACKBONE_SEED, referenceCost);
        reference.program(config, SeededRandom.deriveSeed(BACKBONE_SEED, "reference-device"),
                SeededRandom.derive(BACKBONE_SEED, "reference-programming"), referenceCost);
        long referenceMillis = System.currentTimeMillis() - t0;

        OnChipReport.Quality q = quality(backbone, hybrid, deployed, insitu, reference, trainX, trainY, testX, testY);
        long insituParams = insitu.parameters(insitu.adaptedLayers(), false).values().stream()
                .mapToLong(INDArray::length).sum();
        CostFigures.Training training = prices.training(insituCost, insituParams, insituPulses.totalPulses(),
                loraCost, lora.parameterCount(), unlearn.size(), job.epochs());
        CostFigures.Deployment deployment = prices.deployment(deployed.sramBytes(), deploy.changedCost(),
                deploy.changed(), deploy.fullCost(), deploy.full());
        CostFigures.Inference inference = OnChip.inference(prices, hybrid, deployed, testX.getRows(0));
        return new OnChipReport("speaker", "spiking LSM", config.presetName(), config.costs().resourceName(),
                SETTINGS + "; " + LsmSpeakerExact.SETTINGS, q, LsmSpeakerExact.run(config, source, EVAL_SEED), backbone.weightCount(), programmed.totalPulses(), training, deployment, inference,
                unlearnMillis, referenceMillis, loraCost.energyJoules(config.costs()) + deployment.hybridEnergyJoules(),
                referenceCost.energyJoules(config.costs()), PaperFigures.SEED_PAPER,
                System.currentTimeMillis() - start, null);
    }

    private static LsmNetwork fresh() {
        return LsmNetwork.init(SpeakerSpectrogram.CHANNELS, SpeakerSpectrogram.WINDOWS, NEURONS, SPEAKERS.size(),
                SeededRandom.derive(BACKBONE_SEED, "init"));
    }

    private static OnChipReport.Quality quality(LsmNetwork backbone, LsmNetwork hybrid, LoraByLayer deployed,
                                                LsmNetwork insitu, LsmNetwork reference, INDArray trainX,
                                                int[] trainY, INDArray testX, int[] testY) {
        int[] retained = IntStream.range(0, testY.length).filter(i -> testY[i] != FORGET).toArray();
        int[] forgotten = IntStream.range(0, testY.length).filter(i -> testY[i] == FORGET).toArray();
        int[] members = IntStream.range(0, trainY.length).filter(i -> trainY[i] == FORGET).toArray();
        INDArray rx = testX.getRows(retained);
        INDArray fx = testX.getRows(forgotten);
        INDArray mx = trainX.getRows(members);
        int[] ry = pick(testY, retained);
        int[] fy = pick(testY, forgotten);
        int[] my = pick(trainY, members);
        return new OnChipReport.Quality(SPEAKERS.get(FORGET), 1.0 / SPEAKERS.size(),
                OnChip.accuracy(backbone, LoraByLayer.NONE, rx, ry, EVAL_SEED),
                OnChip.accuracy(hybrid, deployed, rx, ry, EVAL_SEED),
                OnChip.accuracy(backbone, LoraByLayer.NONE, fx, fy, EVAL_SEED),
                OnChip.accuracy(hybrid, deployed, fx, fy, EVAL_SEED),
                OnChip.accuracy(insitu, LoraByLayer.NONE, rx, ry, EVAL_SEED),
                OnChip.accuracy(insitu, LoraByLayer.NONE, fx, fy, EVAL_SEED),
                OnChip.accuracy(reference, LoraByLayer.NONE, rx, ry, EVAL_SEED),
                OnChip.accuracy(reference, LoraByLayer.NONE, fx, fy, EVAL_SEED),
                OnChip.mia(hybrid, deployed, mx, my, fx, fy, EVAL_SEED),
                OnChip.mia(backbone, LoraByLayer.NONE, mx, my, fx, fy, EVAL_SEED),
                OnChip.mia(reference, LoraByLayer.NONE, mx, my, fx, fy, EVAL_SEED));
    }

    /** Samples with unit weights; with {@code relabel}, each forget-class sample gets a random other label. */
    private static Samples samples(INDArray x, int[] y, SeededRandom relabel) {
        int[] labels = y.clone();
        if (relabel != null) {
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == FORGET) {
                    int other = relabel.nextInt(SPEAKERS.size() - 1);
                    labels[i] = other >= FORGET ? other + 1 : other;
                }
            }
        }
        double[] w = new double[labels.length];
        java.util.Arrays.fill(w, 1.0);
        return new Samples(x, labels, null, w);
    }

    static INDArray features(List<SimRecord> records) {
        double[][] rows = records.stream().map(r -> SpeakerSpectrogram.of(WavPcm16.parse(r.payload())))
                .toArray(double[][]::new);
        return Nd4j.createFromArray(rows);
    }

    private static int[] labels(List<SimRecord> records) {
        return records.stream().mapToInt(r -> SPEAKERS.indexOf(r.label())).toArray();
    }

    private static int[] pick(int[] values, int[] rows) {
        return IntStream.of(rows).map(i -> values[i]).toArray();
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.rangeClosed(from, to).boxed().toList();
    }
}
