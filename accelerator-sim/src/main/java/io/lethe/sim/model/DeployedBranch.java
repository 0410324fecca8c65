package io.lethe.sim.model;

import io.lethe.sim.data.SimRecord;
import io.lethe.sim.nn.Branch;
import java.util.List;

/** A branch attached to the model: its provenance, slice and deployed (INT8) weights. */
record DeployedBranch(BranchSpec spec, List<SimRecord> slice, BranchResult result, Branch deployed) {
}
