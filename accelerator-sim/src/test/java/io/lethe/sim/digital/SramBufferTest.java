package io.lethe.sim.digital;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.sim.SimConfigException;
import io.lethe.sim.cost.CostLedger;
import io.lethe.sim.cost.Operation;
import org.junit.jupiter.api.Test;

class SramBufferTest {

    @Test
    void attachDetachAndSwapAreCountedWrites() {
        SramBuffer sram = new SramBuffer(1000);
        CostLedger ledger = new CostLedger();
        sram.attach("a", new byte[300], ledger);
        sram.swap("a", "b", new byte[200], ledger);

        assertThat(sram.residentBranches()).containsExactly("b");
        assertThat(sram.usedBytes()).isEqualTo(200);
        assertThat(sram.bytesWritten()).isEqualTo(300 + 300 + 200);
        assertThat(sram.bytesZeroised()).isEqualTo(300);
        assertThat(ledger.count(Operation.SRAM_WRITE_BYTE)).isEqualTo(800);
    }

    @Test
    void detachZeroisesTheBranchBytes() {
        SramBuffer sram = new SramBuffer(1000);
        byte[] image = {1, 2, 3};
        sram.attach("a", image, new CostLedger());
        assertThat(sram.detach("a", new CostLedger())).isEqualTo(3);
        assertThat(sram.isResident("a")).isFalse();
    }

    @Test
    void overflowNamesTheCapacityField() {
        SramBuffer sram = new SramBuffer(100);
        sram.attach("a", new byte[80], new CostLedger());
        assertThatThrownBy(() -> sram.attach("b", new byte[30], new CostLedger()))
                .isInstanceOfSatisfying(SimConfigException.class,
                        e -> assertThat(e.field()).isEqualTo("sramCapacityBytes"));
    }
}
