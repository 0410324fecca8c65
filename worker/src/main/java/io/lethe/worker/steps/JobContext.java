package io.lethe.worker.steps;

import io.lethe.api.jobs.Component;
import io.lethe.api.jobs.ComponentKind;
import io.lethe.api.jobs.Job;
import io.lethe.sim.config.SimConfig;
import io.lethe.sim.data.SimRecord;
import io.lethe.sim.model.SimModel;
import io.lethe.sim.workload.TaskDefinition;
import io.lethe.worker.vault.VaultRecords;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A job ready to run: the job, its workload and accelerator preset, the model at the base version and
 * the records it may use.
 */
record JobContext(Job job, TaskDefinition task, SimConfig config, SimModel model, VaultRecords records) {

    /** Evaluation read noise is seeded too, so metrics repeat exactly. */
    static final long EVAL_SEED = 0L;

    Optional<Component> component(String componentId) {
        return job.components().stream().filter(c -> c.componentId().equals(componentId)).findFirst();
    }

    /** The components this job (re)trains, in the version's order. */
    List<Component> trained() {
        return job.components().stream().filter(c -> job.trainComponentIds().contains(c.componentId())).toList();
    }

    Component backbone() {
        return job.components().stream().filter(Component::isBackbone).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("version " + job.version() + " has no backbone"));
    }

    /** The one trained component of {@code kind}. */
    Component trainedOne(ComponentKind kind) {
        List<Component> found = trained().stream().filter(c -> c.kind() == kind).toList();
        if (found.size() != 1) {
            throw new IllegalArgumentException("a " + job.type() + " job trains exactly one " + kind + ", found "
                    + found.size());
        }
        return found.get(0);
    }

    /** Every record any component of the produced version was trained on, without {@code except}. */
    List<SimRecord> versionRecords(Collection<String> except) {
        Set<String> ids = new LinkedHashSet<>();
        job.components().forEach(c -> ids.addAll(c.commitments()));
        ids.removeAll(Set.copyOf(except));
        return records.available(ids.stream().sorted().toList());
    }

    double accuracy(List<SimRecord> on) {
        return on.isEmpty() ? Double.NaN : model.evaluate(on, EVAL_SEED).accuracy();
    }

    double meanLoss(List<SimRecord> on) {
        return on.isEmpty() ? Double.NaN : model.evaluate(on, EVAL_SEED).lossByRecord().values().stream()
                .mapToDouble(Double::doubleValue).filter(Double::isFinite).average().orElse(Double.NaN);
    }
}
