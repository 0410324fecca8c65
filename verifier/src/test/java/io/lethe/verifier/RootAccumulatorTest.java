package io.lethe.verifier;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class RootAccumulatorTest {

    @Test
    void rootAtEverySizeEqualsTheRfc6962RootOfThePrefix() {
        Random random = new Random(7);
        List<byte[]> leaves = new ArrayList<>();
        RootAccumulator accumulator = new RootAccumulator();
        assertThat(accumulator.root()).isEqualTo(Rfc6962.emptyRoot());
        for (int size = 1; size <= 130; size++) {
            byte[] input = new byte[random.nextInt(40)];
            random.nextBytes(input);
            leaves.add(Rfc6962.leafHash(input));
            accumulator.add(Rfc6962.leafHash(input));
            assertThat(accumulator.root()).as("size %d", size).isEqualTo(Rfc6962.rootOfLeafHashes(leaves));
        }
    }
}
