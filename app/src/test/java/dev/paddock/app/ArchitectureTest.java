package dev.paddock.app;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Views bind to view models: they never launch processes, reach the kernel layer (not even its enums: the kernel
 * model gives them each right's words), compile policies, expand variables or read profile files themselves.
 * Checked on the compiled classes.
 */
class ArchitectureTest {
    private static JavaClasses app;

    @BeforeAll
    static void importApp() {
        app = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.paddock.app");
    }

    @Test
    void viewsNeverLaunchOrReachTheKernel() {
        noClasses().that().resideInAPackage("..app.view..")
                .should().dependOnClassesThat().resideInAnyPackage("..core.launch..", "..core.landlock..",
                        "..core.sys..", "..core.seccomp..")
                .orShould().dependOnClassesThat().haveSimpleNameStartingWith("PolicyCompiler")
                .orShould().dependOnClassesThat().haveSimpleName("PathVariables")
                .orShould().dependOnClassesThat().haveSimpleName("ProfileFiles")
                .check(app);
    }

    @Test
    void viewModelsNeverDependOnViews() {
        noClasses().that().resideInAPackage("..app.model..")
                .should().dependOnClassesThat().resideInAPackage("..app.view..").check(app);
    }

    @Test
    void noTwoPackagesDependOnEachOther() {
        slices().matching("dev.paddock.app.(*)..").should().beFreeOfCycles().check(app);
    }
}
