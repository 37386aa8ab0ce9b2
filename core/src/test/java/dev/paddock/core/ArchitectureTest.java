package dev.paddock.core;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering of core, checked on the compiled classes (not by searching source text): core is a plain library
 * that never touches JavaFX, the kernel layer knows nothing above it, and no two packages depend on each other.
 */
class ArchitectureTest {
    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.paddock.core");
    }

    @Test
    void coreNeverDependsOnJavafx() {
        noClasses().should().dependOnClassesThat().resideInAPackage("javafx..").check(core);
    }

    @Test
    void theKernelLayersKnowNothingAboveThem() {
        noClasses().that().resideInAnyPackage("..core.landlock..", "..core.seccomp..", "..core.sys..", "..core.elf..")
                .should().dependOnClassesThat().resideInAnyPackage("..core.policy..", "..core.launch..",
                        "..core.profile..", "..core.interop..", "..core.cli..")
                .check(core);
    }

    @Test
    void policyAndProfilesDoNotDependOnLaunchingOrTheCommandLine() {
        noClasses().that().resideInAnyPackage("..core.policy..", "..core.profile..")
                .should().dependOnClassesThat().resideInAnyPackage("..core.launch..", "..core.cli..")
                .check(core);
    }

    @Test
    void onlyTheCommandLineUsesPicocli() {
        noClasses().that().resideOutsideOfPackage("..core.cli..")
                .should().dependOnClassesThat().resideInAPackage("picocli..").check(core);
    }

    @Test
    void onlyTheSysPackageDeclaresNativeMethods() {
        methods().that().haveModifier(JavaModifier.NATIVE).should().beDeclaredInClassesThat()
                .resideInAPackage("..core.sys..").check(core);
    }

    @Test
    void noTwoPackagesDependOnEachOther() {
        slices().matching("dev.paddock.core.(*)..").should().beFreeOfCycles().check(core);
    }
}
