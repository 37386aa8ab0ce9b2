package dev.paddock.core.policy;

import dev.paddock.core.landlock.RulesetPlan;
import dev.paddock.core.SandboxException;
import dev.paddock.core.seccomp.SeccompPlan;

/**
 * A policy compiled for one ABI: what will be asked of the kernel (the Landlock ruleset and the seccomp rules), and
 * what that will really enforce.
 */
public record CompiledPolicy(Policy policy, RulesetPlan plan, SeccompPlan seccomp, EnforcementReport report) {

    /**
     * Refuses what must not run: anything short of full enforcement in strict mode, and a launch that Landlock
     * would not restrict at all unless the caller has explicitly opted in.
     */
    public void requireRunnable(boolean allowUnsandboxed) throws SandboxException {
        EnforcementReport.Status status = report.status();
        if (policy.compatibility() == Compatibility.STRICT && status != EnforcementReport.Status.FULLY_ENFORCED) {
            throw new SandboxException(SandboxException.Reason.NOT_FULLY_ENFORCED,
                    "strict mode refuses to run because " + String.join("; ", report.unenforced())
                            + " (use best-effort to run with what this kernel enforces: --best-effort; in a profile, \"compatibility\": \"best-effort\")");
        }
        if (status == EnforcementReport.Status.NOT_ENFORCED && !allowUnsandboxed) {
            throw new SandboxException(SandboxException.Reason.LANDLOCK_UNAVAILABLE,
                    "refusing to run unsandboxed because " + String.join("; ", report.unenforced())
                            + " (opt in with --allow-unsandboxed to run it anyway)");
        }
    }
}
