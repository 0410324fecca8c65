package io.lethe.worker.steps;

import io.lethe.api.commands.CompleteJobCommand;
import io.lethe.sim.model.SimModel;
import io.lethe.worker.store.DeployedSet;
import io.lethe.worker.store.StoredComponent;
import java.util.List;

/**
 * A job carried out, not yet stored: the result to send and what to store with it — for a job that
 * produced a version its device snapshot and components, for a DEPLOY the branch set now on the device.
 */
public record Execution(CompleteJobCommand result, SimModel model, String task, String preset, byte[] snapshot,
                        List<StoredComponent> components, DeployedSet deployed) {

    static Execution produced(CompleteJobCommand result, SimModel model, String task, String preset,
                              byte[] snapshot, List<StoredComponent> components) {
        return new Execution(result, model, task, preset, snapshot, components, null);
    }

    static Execution deployed(CompleteJobCommand result, DeployedSet deployed) {
        return new Execution(result, null, null, null, null, List.of(), deployed);
    }

    public boolean isDeploy() {
        return deployed != null;
    }
}
