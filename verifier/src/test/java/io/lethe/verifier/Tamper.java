package io.lethe.verifier;

import java.util.ArrayList;
import java.util.List;

/** Single-bit tampering helpers for the property tests. */
final class Tamper {

    private Tamper() {
    }

    static byte[] flipBit(byte[] hash, int bit) {
        byte[] copy = hash.clone();
        copy[bit / 8] ^= (byte) (1 << (bit % 8));
        return copy;
    }

    /** @return a copy of {@code proof} with bit {@code bit} of element {@code element} flipped */
    static List<byte[]> flipBit(List<byte[]> proof, int element, int bit) {
        List<byte[]> copy = new ArrayList<>(proof);
        copy.set(element, flipBit(proof.get(element), bit));
        return copy;
    }
}
