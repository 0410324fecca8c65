package io.lethe.query.costs;

import io.lethe.api.views.CostView;
import io.lethe.api.views.ModelView;
import io.lethe.api.views.VersionSummary;
import io.lethe.api.views.VersionView;
import io.lethe.query.models.ModelQueries;
import io.lethe.query.versions.VersionQueries;

import java.util.List;
import java.util.Optional;

/** Reads every model's version costs from the projections and summarises them ({@code GET /api/costs}). */
public final class CostQueries {

    private final ModelQueries models;
    private final VersionQueries versions;

    public CostQueries(ModelQueries models, VersionQueries versions) {
        this.models = models;
        this.versions = versions;
    }

    /** @return every model's costs, in model id order */
    public CostView all() {
        return new CostView(models.all().stream()
                .map(m -> models.find(m.modelId()).orElse(m))
                .map(this::costOf)
                .toList());
    }

    private CostView.ModelCost costOf(ModelView model) {
        List<VersionView> views = model.versions().stream()
                .filter(v -> "COMPLETED".equals(v.status()))
                .map(VersionSummary::version)
                .map(v -> versions.find(model.modelId(), v))
                .flatMap(Optional::stream)
                .toList();
        return CostSummaries.of(model, views);
    }
}
