package io.lethe.sim.paper;

import io.lethe.sim.SimConfigException;
import java.util.List;

/**
 * The paper's three architectures at the authors' sizes (MrLinNing/RMAdaptiveMachine, read in
 * shared/research/paper-and-simulators.md §1.3-1.4). Shapes, ranks, placements, epochs and batch sizes are the
 * code's; sample counts the code does not fix are labelled ASSUMPTION. Every training cost term is either per
 * sample or per optimiser step, so the ratios do not depend on the epoch count and barely on the sample count
 * (only through the per-step share).
 */
public final class PaperArchitectures {

    private PaperArchitectures() {
    }

    /** The architecture of {@code task}; an unknown task fails naming the field {@code task}. */
    public static PaperArchitecture forTask(String task) {
        return switch (task == null ? "" : task) {
            case "face" -> face();
            case "speaker" -> speaker();
            case "image" -> image();
            default -> throw new SimConfigException("task", "unknown task '" + task + "' (face, speaker, image)");
        };
    }

    /**
     * MLP-Mixer on 16x16 faces: patch 4 (16 tokens of 16 pixels), 20 channels, 2 layers, hidden 32, no biases;
     * LoRA rank 6 on the channel-mixing layers and the output layer. 5,048 weights (plus 100 RMSNorm gains); the
     * 2,680 adapted weights and the 1,404-parameter branch match the counts in the research notes.
     */
    static PaperArchitecture face() {
        return new PaperArchitecture("face", "MLP-Mixer (2 layers, 20 channels, hidden 32, patch 4) on 16x16 ORL",
                List.of(new PaperLayer("patch embedding", 16, 20, 1, 16, false, 1, false),
                        new PaperLayer("token-mixing mlp1", 16, 32, 2, 20, false, 1, false),
                        new PaperLayer("token-mixing mlp2", 32, 16, 2, 20, false, 1, false),
                        new PaperLayer("channel-mixing mlp3", 20, 32, 2, 16, true, 1, false),
                        new PaperLayer("channel-mixing mlp4", 32, 20, 2, 16, true, 0, false),
                        new PaperLayer("output", 20, 6, 1, 1, true, 0, false)),
                6, 1200, 16, 1200,
                "FaceRecognition/main_mixer_unlearn.py, run_unlearn.sh: 16 epochs, full batch, rank 6. ASSUMPTION: "
                        + "1,200 training images = 5 subjects x 10 images x 30 augmentations x 0.8 split.",
                "RMSNorm, GELU, token averaging (elementwise, digital on both sides)");
    }

    /**
     * The spiking liquid-state network: 140 inputs x 10 time windows, 512 LIF neurons with a 512x512 recurrent
     * layer, readout 512 -> 5 on spike counts; LoRA rank 8 on fc1 and fc1h (13,408 vs 333,824 weights).
     */
    static PaperArchitecture speaker() {
        return new PaperArchitecture("speaker", "spiking LSM 140 -> 512 LIF (512x512 recurrent) -> 5, T = 10",
                List.of(new PaperLayer("fc1", 140, 512, 1, 10, true, 1, true),
                        new PaperLayer("fc1h (recurrent)", 512, 512, 1, 10, true, 0, true),
                        new PaperLayer("fc2 (readout)", 512, 5, 1, 1, false, 0, false)),
                8, 2000, 60, 128,
                "SpeakerAuthentication/train_randlabel_lora.py: 60 epochs, batch 128, rank 8 on fc1/fc1h. "
                        + "ASSUMPTION: 2,000 training samples (the SSC top-5 speakers' count is not published).",
                "LIF membrane updates, spike counting, biases (elementwise, digital on both sides)");
    }

    /**
     * DiT-B/2 with ConvNeXt blocks on 16x16x4 latents (64 tokens, hidden 768, depth 12): LoRA rank 4 on the MLP
     * fc1/fc2 of every block (368,640 parameters vs 56.6 M fc weights).
     */
    static PaperArchitecture image() {
        return new PaperArchitecture("image", "DiT-B/2 with ConvNeXt blocks (depth 12, hidden 768, 64 tokens)",
                List.of(new PaperLayer("block fc1", 768, 3072, 12, 64, true, 1, false),
                        new PaperLayer("block fc2", 3072, 768, 12, 64, true, 0, false),
                        new PaperLayer("block adaLN modulation", 768, 4608, 12, 1, false, 12, false)),
                4, 240, 1, 16,
                "ImageGeneration/train_cl.py, tools/lora.py: rank 4 on fc layers, batch 16. ASSUMPTION: 240 "
                        + "training images (12 classes x 20, as UnlearnCanvas has 20 per style and object), 1 epoch "
                        + "(the ratios do not depend on it).",
                "7x7 depthwise convolutions (about 0.45 M weights), patch/timestep/class embedders and the final "
                        + "layer (about 1.5 M weights): under 2 % of the weights, left out on both sides; VAE "
                        + "decoding not counted");
    }
}
