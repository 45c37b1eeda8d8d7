package org.seg4j;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The layers of every module (data, transform, model, infer, metric, train, serve, ...) depend on each other
 * without cycles. This test sits in the CLI module because only it sees every module's classes.
 */
class PackageCyclesTest {

    private static final JavaClasses ALL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // the other modules' test fixtures arrive as test jars, which DO_NOT_INCLUDE_TESTS does not catch
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("org.seg4j");

    @Test
    void topLevelLayersAreFreeOfCycles() {
        slices().matching("org.seg4j.(*)..").should().beFreeOfCycles().check(ALL);
    }

    @Test
    void dataDoesNotDependOnTheLayersAboveIt() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses().that().resideInAPackage("org.seg4j.data..")
                .should().dependOnClassesThat().resideInAnyPackage("org.seg4j.transform..", "org.seg4j.model..",
                        "org.seg4j.infer..", "org.seg4j.train..", "org.seg4j.serve..", "org.seg4j.cli..")
                .check(ALL);
    }
}
