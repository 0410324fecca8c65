package io.lethe.worker.steps;

import io.lethe.api.jobs.ComponentKind;
import io.lethe.api.jobs.ComponentResult;
import io.lethe.sim.config.SimConfig;
import io.lethe.sim.cost.CostLedger;
import io.lethe.sim.digital.SramBuffer;
import io.lethe.worker.store.DeployedSet;
import io.lethe.worker.store.StoredComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DEPLOY: makes the device's SRAM hold exactly the deployed version's branches. Starting from the branch
 * set deployed before (with its real bytes), branches that leave or changed are zeroised and detached,
 * branches that arrive are written; branches already there with the same weights stay untouched. The
 * simulator's SRAM buffer counts every byte written.
 */
final class Deployment {

    record Outcome(List<ComponentResult> components, DeployedSet deployed, Metrics metrics, CostLedger cost) {
    }

    private Deployment() {
    }

    static Outcome run(int version, List<StoredComponent> target, DeployedSet previous,
                       List<StoredComponent> previousRows, SimConfig config) {
        SramBuffer sram = new SramBuffer(config.digital().sramCapacityBytes());
        CostLedger alreadyThere = new CostLedger();
        for (StoredComponent c : branches(previousRows)) {
            if (c.weightsDigest().equals(previous.resident().get(c.componentId()))) {
                sram.attach(c.componentId(), image(c), alreadyThere);
            }
        }
        long writtenBefore = sram.bytesWritten();
        long zeroisedBefore = sram.bytesZeroised();
        CostLedger cost = new CostLedger();
        Map<String, String> next = new LinkedHashMap<>();
        target.forEach(c -> next.put(c.componentId(), c.weightsDigest()));
        int detached = 0;
        for (String id : sram.residentBranches().stream().sorted().toList()) {
            if (!previous.resident().get(id).equals(next.get(id))) {
                sram.detach(id, cost);
                detached++;
            }
        }
        int attached = 0;
        for (StoredComponent c : branches(target)) {
            if (!sram.isResident(c.componentId())) {
                sram.attach(c.componentId(), image(c), cost);
                attached++;
            }
        }
        String oldBackbone = previous.resident().get(io.lethe.api.jobs.Component.BACKBONE_ID);
        Metrics m = new Metrics()
                .put("sramBytesWritten", sram.bytesWritten() - writtenBefore)
                .put("sramBytesZeroised", sram.bytesZeroised() - zeroisedBefore)
                .put("sramBytesUsed", sram.usedBytes())
                .put("branchesAttached", attached)
                .put("branchesDetached", detached)
                .put("branchesKept", branches(target).size() - attached)
                .put("previousVersion", previous.version())
                .put("backboneChanged", oldBackbone != null
                        && !oldBackbone.equals(next.get(io.lethe.api.jobs.Component.BACKBONE_ID)) ? 1 : 0);
        List<ComponentResult> results = target.stream()
                .map(c -> new ComponentResult(c.componentId(), c.weightsDigest())).toList();
        return new Outcome(results, new DeployedSet(version, next), m, cost);
    }

    private static List<StoredComponent> branches(List<StoredComponent> rows) {
        return rows.stream().filter(c -> !ComponentKind.BACKBONE.name().equals(c.kind())).toList();
    }

    private static byte[] image(StoredComponent c) {
        return CanonicalBranches.parse(c.componentId(), c.weights()).sramImage();
    }
}
