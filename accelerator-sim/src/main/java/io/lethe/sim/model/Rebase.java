package io.lethe.sim.model;

import io.lethe.sim.cost.CostLedger;
import io.lethe.sim.data.SimRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * REBASE: retrain the backbone from its recorded seed without the records, reprogram the existing cells
 * through write-verify (the cost the paper's method avoids), then retrain every branch on its slice minus
 * the records, because each was trained on top of the old backbone.
 */
final class Rebase {

    private final SimModel model;

    Rebase(SimModel model) {
        this.model = model;
    }

    ForgetResult run(Set<String> ids) {
        long start = System.currentTimeMillis();
        long sramBefore = model.sram().bytesWritten();
        List<SimRecord> remaining = model.backboneSlice().stream().filter(r -> !ids.contains(r.recordId())).toList();
        List<String> branchIds = new ArrayList<>(model.deployed().keySet());
        List<DeployedBranch> old = branchIds.stream().map(model.deployed()::get).toList();
        CostLedger ledger = new CostLedger();
        for (String id : branchIds) {
            model.sram().detach(id, ledger);
            model.deployed().remove(id);
        }
        BackboneResult backbone = model.trainBackbone(model.backboneSpec(), remaining);
        ledger.addAll(backbone.trainingCost());
        ledger.addAll(backbone.programmingCost());
        List<BranchResult> retrained = new ArrayList<>();
        for (DeployedBranch d : old) {
            List<SimRecord> slice = d.slice().stream().filter(r -> !ids.contains(r.recordId())).toList();
            if (slice.isEmpty()) {
                continue; // the branch held only forgotten records: it stays detached (zeroised)
            }
            BranchResult r = model.trainBranch(d.spec().without(ids), slice);
            ledger.addAll(r.cost());
            retrained.add(r);
        }
        return new ForgetResult(ForgetMode.REBASE, SimModel.sortedIds(ids), retrained, backbone.programming(),
                model.sram().bytesWritten() - sramBefore, ledger, System.currentTimeMillis() - start);
    }
}
