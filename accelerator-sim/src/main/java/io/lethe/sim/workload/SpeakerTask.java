package io.lethe.sim.workload;

import io.lethe.sim.data.LogMelFeatures;
import io.lethe.sim.data.SampleSource;
import io.lethe.sim.data.SimRecord;
import io.lethe.sim.data.WavPcm16;
import io.lethe.sim.nn.Hyperparameters;
import java.util.ArrayList;
import java.util.List;

/**
 * Speaker authentication on FSDD: each speaker a data subject and a class. 140 utterance-level log-mel/MFCC
 * statistics (computed in Java) feed an MLP 140 -> 256 -> speakers, LoRA on both layers. (The paper uses a
 * 140 -> 512 recurrent spiking layer; an MLP is the permitted simplification.)
 */
public final class SpeakerTask implements TaskDefinition {

    @Override
    public String name() {
        return "speaker";
    }

    @Override
    public Objective objective() {
        return Objective.CLASSIFY;
    }

    @Override
    public int featureSize() {
        return LogMelFeatures.SIZE;
    }

    @Override
    public double[] features(SimRecord record) {
        return LogMelFeatures.of(WavPcm16.parse(record.payload()));
    }

    @Override
    public int[] hiddenSizes() {
        return new int[] {256};
    }

    @Override
    public Hyperparameters backboneHyperparameters() {
        return new Hyperparameters(25, 0.005, 64, 16);
    }

    @Override
    public Hyperparameters branchHyperparameters() {
        return new Hyperparameters(15, 0.01, 64, 16);
    }

    /** Records {@code fsdd:<digit>_<speaker>_<take>.wav} labelled with the speaker. */
    public static List<SimRecord> records(SampleSource source, List<String> speakers, List<Integer> digits,
                                          List<Integer> takes) {
        List<SimRecord> out = new ArrayList<>();
        for (String s : speakers) {
            for (int d : digits) {
                for (int t : takes) {
                    String id = "fsdd:" + d + "_" + s + "_" + t + ".wav";
                    out.add(new SimRecord(id, s, source.require(id)));
                }
            }
        }
        return out;
    }
}
