package io.lethe.command.model;

import io.lethe.api.events.VersionCause;
import io.lethe.api.jobs.Component;
import io.lethe.api.jobs.ForgetPlan;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What the aggregate remembers of one version: its plan and where its job stands. */
record VersionState(int version, int baseVersion, VersionCause cause, String jobId, Status status,
                    List<Component> components, List<String> trainComponentIds, ForgetPlan forget, String erasureId) {

    enum Status { PENDING, COMPLETED, FAILED }

    VersionState withStatus(Status newStatus) {
        return new VersionState(version, baseVersion, cause, jobId, newStatus, components, trainComponentIds, forget,
                erasureId);
    }

    Optional<Component> backbone() {
        return components.stream().filter(Component::isBackbone).findFirst();
    }

    /** Every record this version's components were trained on (its lineage). */
    Set<String> lineage() {
        Set<String> all = new LinkedHashSet<>();
        components.forEach(c -> all.addAll(c.commitments()));
        return all;
    }
}
