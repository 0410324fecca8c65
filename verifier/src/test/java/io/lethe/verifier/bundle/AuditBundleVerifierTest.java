package io.lethe.verifier.bundle;

import io.lethe.verifier.NoteVerifier;
import io.lethe.verifier.TrustedKeys;
import io.lethe.verifier.WitnessPolicy;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.security.KeyPair;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The offline audit bundle: a true bundle verifies; no changed byte anywhere goes unnamed. */
class AuditBundleVerifierTest {

    @Test
    void aBundleAsExportedVerifiesWithItsPinnedKey() throws Exception {
        SampleBundle sample = SampleBundle.build(7);
        AuditReport report = verify(sample.bytes(), Optional.of(TrustedKeys.of(sample.logKey())));
        assertThat(report.failures()).isEmpty();
        assertThat(report.checks()).anyMatch(c -> c.contains("trusting only the pinned keys"))
                .anyMatch(c -> c.startsWith("4 signed checkpoints; the roots of 20 leaves match every one"))
                .anyMatch(c -> c.startsWith("1 completed versions in the log") && c.contains("1 stated by the bundle"));
    }

    @Test
    void withoutAPinTheBundleSaysItTrustsOnlyItsOwnKeys() throws Exception {
        AuditReport report = verify(SampleBundle.build(7).bytes(), Optional.empty());
        assertThat(report.ok()).isTrue();
        assertThat(report.checks()).anyMatch(c -> c.contains("only the exporter's word"));
    }

    @Test
    void aBundleSignedByAnotherKeyThanThePinnedOneFails() throws Exception {
        KeyPair other = SampleBundle.keys(99);
        AuditReport report = verify(SampleBundle.build(7).bytes(), Optional.of(TrustedKeys.of(
                new NoteVerifier(SampleBundle.ORIGIN, NoteVerifier.rawKey(other.getPublic())))));
        assertThat(report.failures()).filteredOn(f -> f.contains("does not verify")).hasSize(4);
        assertThat(report.failures()).contains("leaves 0..19 are covered by no signed checkpoint");
    }

    @Test
    void aChangedLeafIsNamed() throws Exception {
        SampleBundle sample = SampleBundle.build(7);
        String text = new String(sample.bytes(), java.nio.charset.StandardCharsets.UTF_8);
        String before = text.substring(0, text.indexOf("\"index\":5,\"input\":\"") + 20);
        int inputAt = before.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        byte[] tampered = sample.bytes().clone();
        tampered[inputAt] = (byte) (tampered[inputAt] == 'A' ? 'B' : 'A');
        AuditReport report = verify(tampered, Optional.of(TrustedKeys.of(sample.logKey())));
        assertThat(report.failures()).anyMatch(f -> f.contains("leaf 5's hash is not the hash of its input"));
    }

    @Test
    void aVersionStatedWithAnotherDigestIsNamed() throws Exception {
        SampleBundle sample = SampleBundle.build(7);
        String text = new String(sample.bytes(), java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"digest\":\"" + sample.digest() + "\",\"kind\":\"version\"",
                        "\"digest\":\"" + "0".repeat(64) + "\",\"kind\":\"version\"");
        AuditReport report = verify(text.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Optional.of(TrustedKeys.of(sample.logKey())));
        assertThat(report.failures()).singleElement().asString()
                .contains("version 1 of model-a states digest 0000").contains("but leaf 12 logs " + sample.digest());
    }

    /** Whatever byte changes, the verifier fails and each finding names a line, a leaf or a checkpoint. */
    @Test
    void everySampledSingleByteChangeIsFoundAndNamed() throws Exception {
        SampleBundle sample = SampleBundle.build(7);
        TrustedKeys pinned = TrustedKeys.of(sample.logKey());
        Random random = new Random(20261201);
        for (int trial = 0; trial < 400; trial++) {
            byte[] tampered = sample.bytes().clone();
            int at = random.nextInt(tampered.length);
            tampered[at] ^= (byte) (1 + random.nextInt(255));
            AuditReport report = verify(tampered, Optional.of(pinned));
            assertThat(report.failures()).as("byte %d changed", at).isNotEmpty()
                    .allMatch(f -> f.startsWith("line ") || f.startsWith("leaf ") || f.startsWith("checkpoint ")
                            || f.startsWith("leaves ") || f.startsWith("no header"));
        }
    }

    @Test
    void aCosignedCheckpointMeetsATwoOfThreePolicyAndTheLogKeysComeFromThePolicy() throws Exception {
        List<KeyPair> witnesses = List.of(SampleBundle.keys(31), SampleBundle.keys(32), SampleBundle.keys(33));
        SampleBundle sample = SampleBundle.build(7, witnesses.subList(0, 2));

        AuditReport report = verifyWithPolicy(sample.bytes(), policy(sample, witnesses));

        assertThat(report.failures()).isEmpty();
        assertThat(report.checks()).anyMatch(c -> c.contains("trusting only the witness policy's log keys"))
                .anyMatch(c -> c.contains("meets the witness policy, cosigned by [w1.test/witness, w2.test/witness]"));
    }

    @Test
    void oneCosignatureOfThreeFailsATwoOfThreePolicy() throws Exception {
        List<KeyPair> witnesses = List.of(SampleBundle.keys(31), SampleBundle.keys(32), SampleBundle.keys(33));
        SampleBundle sample = SampleBundle.build(7, witnesses.subList(0, 1));

        assertThat(verifyWithPolicy(sample.bytes(), policy(sample, witnesses)).failures()).singleElement().asString()
                .startsWith("line 7 (cosigned)").contains("QUORUM_NOT_MET").contains("[w1.test/witness]");
    }

    @Test
    void aChangedCosignatureIsNamedEvenWhenTheQuorumHasSlack() throws Exception {
        List<KeyPair> witnesses = List.of(SampleBundle.keys(31), SampleBundle.keys(32), SampleBundle.keys(33));
        SampleBundle sample = SampleBundle.build(7, witnesses);
        String text = new String(sample.bytes(), java.nio.charset.StandardCharsets.UTF_8);
        int w3 = text.substring(0, text.indexOf("w3.test/witness ") + "w3.test/witness ".length() + 20)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        byte[] tampered = sample.bytes().clone();
        tampered[w3] = (byte) (tampered[w3] == 'A' ? 'B' : 'A');

        assertThat(verifyWithPolicy(tampered, policy(sample, witnesses)).failures()).singleElement().asString()
                .startsWith("line 7 (cosigned)").contains("cosignature by w3.test/witness");
    }

    @Test
    void aPolicyWithoutACosignedCheckpointInTheBundleFails() throws Exception {
        List<KeyPair> witnesses = List.of(SampleBundle.keys(31), SampleBundle.keys(32), SampleBundle.keys(33));
        SampleBundle sample = SampleBundle.build(7);

        assertThat(verifyWithPolicy(sample.bytes(), policy(sample, witnesses)).failures())
                .anyMatch(f -> f.contains("holds no cosigned checkpoint"));
    }

    private static WitnessPolicy policy(SampleBundle sample, List<KeyPair> witnesses) throws Exception {
        StringBuilder text = new StringBuilder("log " + java.util.HexFormat.of().formatHex(sample.logKey().publicKey())
                + "\n");
        for (int i = 0; i < witnesses.size(); i++) {
            text.append("witness ").append(SampleBundle.witness(i, witnesses.get(i)).name()).append(' ')
                    .append(SampleBundle.witness(i, witnesses.get(i)).hexKey()).append('\n');
        }
        return WitnessPolicy.parse(text.append("group g 2 w1.test/witness w2.test/witness w3.test/witness\n")
                .append("quorum g\n").toString());
    }

    private static AuditReport verifyWithPolicy(byte[] bundle, WitnessPolicy policy) throws Exception {
        return AuditBundleVerifier.verify(new ByteArrayInputStream(bundle),
                new AuditBundleVerifier.Options(Optional.empty(), Optional.of(policy), bytes -> { }));
    }

    private static AuditReport verify(byte[] bundle, Optional<TrustedKeys> pinned) throws Exception {
        return AuditBundleVerifier.verify(new ByteArrayInputStream(bundle),
                new AuditBundleVerifier.Options(pinned, bytes -> { }));
    }
}
