package io.lethe.command.model;

import io.lethe.api.ErrorCode;
import io.lethe.api.LetheException;
import io.lethe.api.commands.CompleteJobCommand;
import io.lethe.api.events.ComponentLineage;
import io.lethe.api.events.VersionCompletedEvent;
import io.lethe.api.ids.ModelId;
import io.lethe.api.jobs.Component;
import io.lethe.api.jobs.ComponentResult;
import io.lethe.verifier.Lineage;
import io.lethe.verifier.VersionDigest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns a worker's result into the completed version: lineage roots per component and the version digest. */
final class VersionCompletion {

    private VersionCompletion() {
    }

    static VersionCompletedEvent completed(ModelId modelId, VersionState version, CompleteJobCommand result) {
        Map<String, String> digests = new HashMap<>();
        for (ComponentResult component : result.components()) {
            digests.put(component.componentId(), component.weightsDigest());
        }
        List<ComponentLineage> components = new ArrayList<>();
        for (Component planned : version.components()) {
            String digest = digests.get(planned.componentId());
            if (digest == null) {
                throw new LetheException(ErrorCode.JOB_MISMATCH,
                        "result of " + version.jobId() + " has no digest for component " + planned.componentId());
            }
            List<String> lineage = Lineage.sorted(planned.commitments());
            components.add(new ComponentLineage(planned.componentId(), planned.kind(), planned.rank(),
                    planned.seed(), digest, Lineage.root(lineage), lineage.size(), lineage));
        }
        List<String> all = Lineage.sorted(version.lineage());
        return new VersionCompletedEvent(modelId, version.version(), version.baseVersion(), version.cause(),
                version.jobId(), VersionDigest.of(modelId.value(), version.version(), components), Lineage.root(all),
                all.size(), components, result.metrics(), result.cost());
    }
}
