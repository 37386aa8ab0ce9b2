package dev.paddock.core.lint;

import dev.paddock.core.landlock.Abi;
import dev.paddock.core.landlock.LandlockSupport;
import dev.paddock.core.profile.Acknowledgement;
import dev.paddock.core.profile.Profile;
import dev.paddock.core.profile.ProfileFiles;
import dev.paddock.core.testing.BundledProfiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every bundled template is clean, or accepts each of its findings on purpose with a reason: on this kernel and
 * machine, and on kernels of ABI 6, 7, 9 and the newest, run from this folder and from one in /tmp, so that a template
 * stays clean where it is met.
 */
class BundledTemplatesLintTest {

    /** A working folder in /tmp, as a fresh clone in /tmp has: ${PWD} then lies inside the templates' /tmp rules. */
    @TempDir
    Path scratch;

    @Test
    void everyFindingOfEveryTemplateIsAccepted() throws Exception {
        LintContext here = LintContext.ofProcess(null);
        // a home where most machines have it: the templates' rw /tmp rules rightly flag a home under /tmp (as a
        // test machine may have), which is the user's situation, not the template's
        Map<String, String> environment = new HashMap<>(here.environment());
        environment.put("HOME", "/home/paddock-template-test");
        for (Path directory : List.of(here.currentDirectory(), scratch)) {
            for (int abi : new int[] {0, 6, 7, 9, Abi.LATEST}) {
                LandlockSupport support = abi == 0 ? here.support() : new LandlockSupport(
                        LandlockSupport.Status.AVAILABLE, abi, abi, false, "test", 0);
                LintContext context = new LintContext(support, environment, directory, null,
                        here.socketList());
                for (Path file : BundledProfiles.files()) {
                    Profile profile = ProfileFiles.load(file);
                    List<Finding> open = Lint.of(context.forFile(file)).check(profile).stream()
                            .filter(finding -> !finding.isAccepted()).toList();
                    assertTrue(open.isEmpty(), file.getFileName() + " in " + directory + " on " + (abi == 0
                            ? "this kernel" : "ABI " + abi) + " has findings it does not accept: " + open);
                }
            }
        }
    }

    @Test
    void everyAcknowledgementNamesARuleAndSaysWhy() throws Exception {
        for (Path file : BundledProfiles.files()) {
            for (Acknowledgement accepted : ProfileFiles.load(file).acknowledged()) {
                assertTrue(LintRule.byId(accepted.lint()).isPresent(), file + ": " + accepted.lint());
                assertTrue(accepted.reason().length() > 40 && accepted.reason().endsWith("."),
                        file + ": " + accepted.reason());
            }
        }
    }
}
