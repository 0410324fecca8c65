package io.lethe.sim.model;

import io.lethe.sim.cost.CostLedger;
import io.lethe.sim.data.SimRecord;
import io.lethe.sim.device.ProgrammingResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * EXACT forgetting by slice retraining (SISA-style): every attached branch whose slice holds any of the
 * records is retrained from its recorded seed on its slice minus the records. Learning branches train on
 * the backbone alone, so the other learning branches stay bit for bit; unlearning branches attached after
 * the first affected branch were trained on top of it, so they are retrained too. Old weights are
 * zeroised in SRAM. The backbone must not hold the records: then only REBASE is exact.
 */
final class ExactForget {

    private final SimModel model;

    ExactForget(SimModel model) {
        this.model = model;
    }

    ForgetResult run(Set<String> ids) {
        long start = System.currentTimeMillis();
        List<String> inBackbone = model.backboneSlice().stream().map(SimRecord::recordId).filter(ids::contains).toList();
        if (!inBackbone.isEmpty()) {
            throw new IllegalStateException("EXACT is not achievable by branch retraining: the backbone was trained on "
                    + inBackbone + "; use REBASE (exact) or APPROXIMATE");
        }
        List<String> order = new ArrayList<>(model.deployed().keySet());
        int first = -1;
        for (int i = 0; i < order.size() && first < 0; i++) {
            if (holdsAny(order.get(i), ids)) {
                first = i;
            }
        }
        CostLedger ledger = new CostLedger();
        long sramBefore = model.sram().bytesWritten();
        List<String> affected = first < 0 ? List.of() : order.subList(first, order.size()).stream()
                .filter(id -> holdsAny(id, ids) || model.deployed().get(id).spec().objective() != BranchObjective.LEARN)
                .toList();
        List<BranchResult> retrained = affected.isEmpty() ? List.of() : model.retrainBranches(affected, ids, ledger);
        return new ForgetResult(ForgetMode.EXACT, SimModel.sortedIds(ids), retrained, ProgrammingResult.none(),
                model.sram().bytesWritten() - sramBefore, ledger, System.currentTimeMillis() - start);
    }

    private boolean holdsAny(String branchId, Set<String> ids) {
        return model.deployed().get(branchId).slice().stream().anyMatch(r -> ids.contains(r.recordId()));
    }
}
