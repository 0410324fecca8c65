package io.lethe.sim.paper;

import io.lethe.sim.config.Nd4jRuntime;
import io.lethe.sim.config.SimConfig;
import io.lethe.sim.cost.CostLedger;
import io.lethe.sim.data.SampleSource;
import io.lethe.sim.data.SimRecord;
import io.lethe.sim.device.ProgrammingResult;
import io.lethe.sim.nn.Hyperparameters;
import io.lethe.sim.nn.LoraByLayer;
import io.lethe.sim.nn.MixerNetwork;
import io.lethe.sim.nn.MixerTrainer;
import io.lethe.sim.nn.Samples;
import io.lethe.sim.random.SeededRandom;
import io.lethe.sim.report.CostComparison;
import io.lethe.sim.report.CostFigures;
import io.lethe.sim.report.MembershipInference;
import io.lethe.sim.report.PaperFigures;
import io.lethe.sim.workload.FaceTask;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The paper's face experiment on the paper's model (FaceRecognition/main_mixer_*.py): an MLP-Mixer (2 layers, 20
 * channels, hidden 32, patch 4) trained on ORL subjects s1-s5 with 6 outputs, the backbone programmed into
 * analogue tiles, then subject s3 (class id 2, as in run_unlearn.sh) forgotten by a rank-6, alpha-4 LoRA branch on
 * the channel-mixing and output layers (weighted cross-entropy, weight -0.5 on the forget class, 16 full-batch
 * Adam epochs at lr 0.01). Against it: the analogue-update baseline of the same job (same data, epochs, seed) and
 * a retrain from scratch without s3 (the code's main_mixer_baseline_unlearn.py: 200 epochs). Standalone: the
 * worker's task catalogue keeps its MLP, so nothing here changes a replayed digest.
 */
public final class MixerFaceRun {

    static final long BACKBONE_SEED = 1;
    static final long UNLEARN_SEED = 21;
    static final long EVAL_SEED = 7;
    static final List<Integer> SUBJECTS = List.of(1, 2, 3, 4, 5);
    static final int OUTPUTS = 6;
    static final int FORGET = 2;
    private static final FaceTask FACE = new FaceTask();

    private final SimConfig config;
    private final CostComparison prices;

    /** A run on the chip {@code config} describes, priced by its cost table. */
    public MixerFaceRun(SimConfig config) {
        Nd4jRuntime.configure();
        this.config = config;
        this.prices = new CostComparison(config.costs());
    }

    /** Images 1-7 of each subject (with their mirror images) train, 8-10 are held out. */
    public OnChipReport run(SampleSource source) {
        long start = System.currentTimeMillis();
        List<SimRecord> train = FaceTask.records(source, SUBJECTS, range(1, 7));
        List<SimRecord> test = FaceTask.records(source, SUBJECTS, range(8, 10));
        Samples learn = samples(train, true, false);
        MixerNetwork backbone = MixerNetwork.init(2, 20, 32, OUTPUTS, SeededRandom.derive(BACKBONE_SEED, "init"));
        CostLedger backboneTraining = new CostLedger();
        MixerTrainer.trainFloat(backbone, learn, fullBatch(300, learn), BACKBONE_SEED, backboneTraining);
        CostLedger backboneProgramming = new CostLedger();
        ProgrammingResult programmed = backbone.program(config, SeededRandom.deriveSeed(BACKBONE_SEED, "device"),
                SeededRandom.derive(BACKBONE_SEED, "programming"), backboneProgramming);

        Samples unlearn = samples(train, true, true);
        Hyperparameters job = fullBatch(16, unlearn);
        long t0 = System.currentTimeMillis();
        MixerNetwork hybrid = backbone.copy();
        LoraByLayer lora = hybrid.initLora(6, 4.0, SeededRandom.derive(UNLEARN_SEED, "branch-init"));
        CostLedger loraCost = new CostLedger();
        MixerTrainer.trainLora(hybrid, lora, unlearn, job, UNLEARN_SEED, loraCost);
        LoraByLayer deployed = lora.quantized();
        long unlearnMillis = System.currentTimeMillis() - t0;

        MixerNetwork insitu = backbone.copy();
        CostLedger insituCost = new CostLedger();
        ProgrammingResult insituPulses = MixerTrainer.trainInSitu(insitu, unlearn, job, UNLEARN_SEED, insituCost);
        OnChip.Deploy deploy = OnChip.deployBaseline(backbone.copy(), backbone.copy(), insitu, UNLEARN_SEED);

        t0 = System.currentTimeMillis();
        List<SimRecord> kept = train.stream().filter(r -> label(r) != FORGET).toList();
        Samples keptSamples = samples(kept, true, false);
        MixerNetwork reference = MixerNetwork.init(2, 20, 32, OUTPUTS, SeededRandom.derive(BACKBONE_SEED, "init"));
        CostLedger referenceCost = new CostLedger();
        MixerTrainer.trainFloat(reference, keptSamples, fullBatch(200, keptSamples), BACKBONE_SEED, referenceCost);
        reference.program(config, SeededRandom.deriveSeed(BACKBONE_SEED, "reference-device"),
                SeededRandom.derive(BACKBONE_SEED, "reference-programming"), referenceCost);
        long referenceMillis = System.currentTimeMillis() - t0;

        OnChipReport.Quality q = quality(backbone, hybrid, deployed, insitu, reference, train, test);
        CostFigures.Training training = prices.training(insituCost, insitu.parameters(insitu.adaptedLayers(), false)
                .values().stream().mapToLong(INDArray::length).sum(), insituPulses.totalPulses(), loraCost,
                lora.parameterCount(), unlearn.size(), job.epochs());
        CostFigures.Deployment deployment = prices.deployment(deployed.sramBytes(), deploy.changedCost(),
                deploy.changed(), deploy.fullCost(), deploy.full());
        CostFigures.Inference inference = OnChip.inference(prices, hybrid, deployed, features(List.of(test.get(0)),
                false));
        double unlearnEnergy = loraCost.energyJoules(config.costs()) + deployment.hybridEnergyJoules();
        return new OnChipReport("face", "MLP-Mixer", config.presetName(), config.costs().resourceName(), SETTINGS + "; " + MixerFaceExact.SETTINGS, q, MixerFaceExact.run(config, source, EVAL_SEED),
                backbone.weightCount(), programmed.totalPulses(), training, deployment, inference,
                unlearnMillis, referenceMillis, unlearnEnergy, referenceCost.energyJoules(config.costs()),
                PaperFigures.SEED_PAPER, System.currentTimeMillis() - start, null);
    }

    static final String SETTINGS = "MLP-Mixer 2 layers, 20 channels, hidden 32, patch 4, RMSNorm, no biases, 6 "
            + "outputs; ORL s1-s5 at 16x16, images 1-7 and their mirror images train (70), 8-10 held out (15); the "
            + "paper's 30-fold rotation/crop augmentation is not reproduced; backbone 300 full-batch Adam epochs at "
            + "lr 0.01; unlearning LoRA rank 6, alpha 4, weight -0.5 on s3, 16 epochs; retrain 200 epochs";

    private OnChipReport.Quality quality(MixerNetwork backbone, MixerNetwork hybrid, LoraByLayer deployed, MixerNetwork insitu,
                            MixerNetwork reference, List<SimRecord> train, List<SimRecord> test) {
        List<SimRecord> retained = test.stream().filter(r -> label(r) != FORGET).toList();
        List<SimRecord> forgotten = test.stream().filter(r -> label(r) == FORGET).toList();
        List<SimRecord> members = train.stream().filter(r -> label(r) == FORGET).toList();
        return new OnChipReport.Quality("s" + SUBJECTS.get(FORGET), 1.0 / OUTPUTS,
                accuracy(backbone, LoraByLayer.NONE, retained), accuracy(hybrid, deployed, retained),
                accuracy(backbone, LoraByLayer.NONE, forgotten), accuracy(hybrid, deployed, forgotten),
                accuracy(insitu, LoraByLayer.NONE, retained), accuracy(insitu, LoraByLayer.NONE, forgotten),
                accuracy(reference, LoraByLayer.NONE, retained), accuracy(reference, LoraByLayer.NONE, forgotten),
                mia(hybrid, deployed, members, forgotten), mia(backbone, LoraByLayer.NONE, members, forgotten),
                mia(reference, LoraByLayer.NONE, members, forgotten));
    }

    private static double accuracy(MixerNetwork net, LoraByLayer lora, List<SimRecord> records) {
        return OnChip.accuracy(net, lora, features(records, false), labels(records), EVAL_SEED);
    }

    private static MembershipInference.Estimate mia(MixerNetwork net, LoraByLayer lora, List<SimRecord> members,
                                                    List<SimRecord> nonMembers) {
        return OnChip.mia(net, lora, features(members, false), labels(members), features(nonMembers, false),
                labels(nonMembers), EVAL_SEED);
    }

    /** Training samples (with mirror images when {@code flip}); weight -0.5 on the forget class when {@code ascent}. */
    private static Samples samples(List<SimRecord> records, boolean flip, boolean ascent) {
        INDArray x = features(records, flip);
        int[] base = labels(records);
        int copies = flip ? 2 : 1;
        int[] labels = new int[base.length * copies];
        double[] weights = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = base[i % base.length];
            weights[i] = ascent && labels[i] == FORGET ? -0.5 : 1.0;
        }
        return new Samples(x, labels, null, weights);
    }

    static INDArray features(List<SimRecord> records, boolean withMirrors) {
        List<double[]> rows = new ArrayList<>();
        records.forEach(r -> rows.add(FACE.features(r)));
        if (withMirrors) {
            records.forEach(r -> rows.add(mirror(FACE.features(r))));
        }
        return Nd4j.createFromArray(rows.toArray(new double[0][]));
    }

    private static double[] mirror(double[] image) {
        int side = MixerNetwork.SIDE;
        double[] m = new double[image.length];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                m[y * side + x] = image[y * side + side - 1 - x];
            }
        }
        return m;
    }

    private static int[] labels(List<SimRecord> records) {
        return records.stream().mapToInt(MixerFaceRun::label).toArray();
    }

    private static int label(SimRecord r) {
        return SUBJECTS.indexOf(Integer.parseInt(r.label().substring(1)));
    }

    private static Hyperparameters fullBatch(int epochs, Samples set) {
        return new Hyperparameters(epochs, 0.01, set.size(), 4.0);
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.rangeClosed(from, to).boxed().toList();
    }
}
