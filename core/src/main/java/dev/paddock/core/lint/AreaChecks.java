package dev.paddock.core.lint;

import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.landlock.LandlockSupport;
import dev.paddock.core.policy.Compatibility;
import dev.paddock.core.policy.CompiledPolicy;
import dev.paddock.core.policy.EnforcementReport;
import dev.paddock.core.policy.Policy;

import java.util.List;

/**
 * The checks for what the profile leaves unrestricted altogether: nothing at all on this kernel, the filesystem, the
 * network, and the rights a best-effort profile leaves to an old kernel. The words for the last come from the
 * enforcement report, the one place that says what a kernel cannot enforce.
 */
final class AreaChecks {

    private AreaChecks() {
    }

    /** Whether anything is restricted at all; when not, the one finding says so and the other checks are moot. */
    static boolean check(CompiledPolicy compiled, LandlockSupport support, List<Finding> into) {
        Policy policy = compiled.policy();
        EnforcementReport report = compiled.report();
        if (report.status() == EnforcementReport.Status.NOT_ENFORCED) {
            boolean kernel = !support.available();
            into.add(new Finding(LintRule.NOTHING_RESTRICTED, Concern.field(kernel ? "abi"
                    : "unrestrictedFilesystem"), "A program in the sandbox could do everything you can: "
                    + String.join("; ", report.unenforced()) + ".", kernel ? "Run it on a kernel with Landlock ("
                    + support.status().sentence() + ")." : "Restrict the filesystem (turn unrestrictedFilesystem "
                    + "off) and add rules for what the command needs."));
            return false;
        }
        if (policy.unrestrictedFilesystem()) {
            into.add(new Finding(LintRule.FILESYSTEM_UNRESTRICTED, Concern.field("unrestrictedFilesystem"), "A "
                    + "program in the sandbox could read and change every file you can: your keys, ~/.bashrc and "
                    + "your documents.", "Turn unrestrictedFilesystem off and add rules for what the command needs "
                    + "(paddock learn, or Learn in the app, proposes them)."));
        }
        if (policy.unrestrictedNetwork()) {
            into.add(new Finding(LintRule.NETWORK_UNRESTRICTED, Concern.field("unrestrictedNetwork"), "A program in "
                    + "the sandbox could connect to any host and port and serve on any port, and so send what it "
                    + "reads anywhere.", "Turn unrestrictedNetwork off and list the ports the command needs "
                    + "(\"connectTcp\": [443] for HTTPS)."));
        }
        if (policy.compatibility() == Compatibility.BEST_EFFORT) {
            String sockets = FsAccess.RESOLVE_UNIX.activity() + " is not restricted";
            List<String> gaps = report.unenforced().stream().filter(gap -> !gap.startsWith("UDP is not restricted")
                    && !gap.startsWith(sockets)).toList();
            if (!gaps.isEmpty()) {
                into.add(new Finding(LintRule.RIGHTS_UNENFORCED, Concern.field("compatibility"), "A program in the "
                        + "sandbox could do what this kernel (Landlock ABI " + support.abi() + ") cannot restrict: "
                        + String.join("; ", gaps) + ".", "Run it on a newer kernel (each line says which), or make "
                        + "the profile strict (\"compatibility\": \"strict\") so that it refuses to run here."));
            }
        }
        return true;
    }
}
