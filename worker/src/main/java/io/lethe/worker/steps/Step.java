package io.lethe.worker.steps;

import io.lethe.sim.cost.CostLedger;

/** What one simulator step of a job did: its metrics and every priced operation. */
record Step(Metrics metrics, CostLedger cost) {
}
