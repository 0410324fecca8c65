package io.lethe.app.build;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * DESIGN.md §3 in code: the services talk only through Kafka and the {@code api} records, the
 * simulator knows nothing of Kafka, Axon or SQL, {@code api} depends on no other module, the verifier
 * on the api alone, and {@code crypto} and {@code samples} on nothing.
 * (The Maven enforcer bans the same edges at the dependency level; this catches a class that
 * slipped through a transitive path.)
 */
class ModuleBoundariesTest {

    private static JavaClasses lethe;

    @BeforeAll
    static void importClasses() {
        lethe = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.lethe");
    }

    @Test
    void commandSideUsesNoOtherService() {
        noClasses().that().resideInAPackage("io.lethe.command..")
                .should().dependOnClassesThat().resideInAnyPackage("io.lethe.query..", "io.lethe.worker..",
                        "io.lethe.sim..", "io.lethe.app..")
                .check(lethe);
    }

    @Test
    void querySideUsesNoOtherService() {
        noClasses().that().resideInAPackage("io.lethe.query..")
                .should().dependOnClassesThat().resideInAnyPackage("io.lethe.command..", "io.lethe.worker..",
                        "io.lethe.sim..", "io.lethe.app..", "org.axonframework..")
                .check(lethe);
    }

    @Test
    void workerUsesNoOtherService() {
        noClasses().that().resideInAPackage("io.lethe.worker..")
                .should().dependOnClassesThat().resideInAnyPackage("io.lethe.command..", "io.lethe.query..",
                        "io.lethe.app..", "org.axonframework..")
                .allowEmptyShould(true)
                .check(lethe);
    }

    @Test
    void simulatorKnowsNothingOfKafkaAxonOrSql() {
        noClasses().that().resideInAPackage("io.lethe.sim..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.axonframework..",
                        "java.sql..", "javax.sql..", "io.lethe.api..", "io.lethe.command..", "io.lethe.query..",
                        "io.lethe.worker..", "io.lethe.app..")
                .allowEmptyShould(true)
                .check(lethe);
    }

    @Test
    void witnessKnowsOnlyTheVerifier() {
        noClasses().that().resideInAPackage("io.lethe.witness..")
                .should().dependOnClassesThat().resideInAnyPackage("io.lethe.command..", "io.lethe.query..",
                        "io.lethe.worker..", "io.lethe.sim..", "io.lethe.app..", "org.apache.kafka..",
                        "org.axonframework..", "java.sql..", "javax.sql..")
                .check(lethe);
    }

    @Test
    void apiDependsOnNoService() {
        noClasses().that().resideInAPackage("io.lethe.api..")
                .should().dependOnClassesThat().resideInAnyPackage("io.lethe.command..", "io.lethe.query..",
                        "io.lethe.worker..", "io.lethe.sim..", "io.lethe.app..", "io.lethe.verifier..",
                        "io.lethe.crypto..", "io.lethe.samples..", "io.lethe.producer..", "io.lethe.witness..",
                        "org.apache.kafka..", "org.axonframework..", "java.sql..")
                .check(lethe);
    }

    /** Auditors depend on the verifier alone: it may use the api's messages, nothing with a secret or a server. */
    @Test
    void verifierHoldsNoServerCodeSecretsOrData() {
        noClasses().that().resideInAPackage("io.lethe.verifier..")
                .should().dependOnClassesThat().resideInAnyPackage("io.lethe.command..", "io.lethe.query..",
                        "io.lethe.worker..", "io.lethe.sim..", "io.lethe.app..", "io.lethe.crypto..",
                        "io.lethe.samples..", "io.lethe.producer..", "org.apache.kafka..", "org.axonframework..",
                        "java.sql..")
                .check(lethe);
    }

    /** What the services' consumer loops share: no service's code. */
    @Test
    void consumerSupportUsesNoService() {
        noClasses().that().resideInAPackage("io.lethe.consumer..")
                .should().dependOnClassesThat().resideInAnyPackage("io.lethe.command..", "io.lethe.query..",
                        "io.lethe.worker..", "io.lethe.sim..", "io.lethe.app..", "org.axonframework..")
                .check(lethe);
    }

    @Test
    void cryptoAndSamplesDependOnNoOtherModule() {
        noClasses().that().resideInAnyPackage("io.lethe.crypto..", "io.lethe.samples..")
                .should().dependOnClassesThat().resideInAnyPackage("io.lethe.api..", "io.lethe.verifier..",
                        "io.lethe.command..", "io.lethe.query..", "io.lethe.worker..", "io.lethe.sim..",
                        "io.lethe.app..", "io.lethe.producer..")
                .check(lethe);
    }
}
