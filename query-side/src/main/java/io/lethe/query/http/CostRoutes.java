package io.lethe.query.http;

import io.javalin.Javalin;
import io.lethe.query.costs.CostQueries;

/** {@code GET /api/costs}: the simulator's energy and latency per model version, for the dashboard's cost panel. */
final class CostRoutes {

    static final String PATH = "/api/costs";

    private CostRoutes() {
    }

    static void register(Javalin app, CostQueries costs) {
        app.get(PATH, ctx -> ctx.json(costs.all()));
    }
}
