package dev.paddock.core.cli;

import dev.paddock.core.landlock.Abi;
import dev.paddock.core.landlock.AccessRight;
import dev.paddock.core.landlock.AuditFlag;
import dev.paddock.core.landlock.Feature;
import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.landlock.LandlockSupport;
import dev.paddock.core.landlock.NetAccess;
import dev.paddock.core.landlock.Scope;
import dev.paddock.core.policy.BlindSpots;
import dev.paddock.core.policy.EnforcementReport;
import dev.paddock.core.landlock.RulesetPlan;
import dev.paddock.core.seccomp.Architecture;
import dev.paddock.core.seccomp.SeccompPlan;
import dev.paddock.core.seccomp.SeccompRule;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code paddock abi}: the kernel, the Landlock status, and every feature with whether it is enforceable here. */
@Command(name = "abi", mixinStandardHelpOptions = true,
        description = "Show the kernel release, the Landlock ABI and what this kernel can enforce.")
final class AbiCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        LandlockSupport support = LandlockSupport.detect();
        out.printf("Kernel:    Linux %s%n", support.kernelRelease());
        if (support.available()) {
            out.printf("Landlock:  available, ABI %d%s%n", support.abi(),
                    support.capped() ? " (capped from ABI " + support.kernelAbi() + " by "
                            + LandlockSupport.ABI_CAP_PROPERTY + ")" : "");
        } else {
            out.printf("Landlock:  NOT AVAILABLE: %s%n", support.status().sentence());
        }
        out.println();
        out.printf("%-26s %-4s %-6s %s%n", "FEATURE", "ABI", "LINUX", "HERE");
        section(out, "filesystem", List.of(FsAccess.values()), support.abi());
        section(out, "network (TCP)", List.of(NetAccess.values()), support.abi());
        section(out, "scopes", List.of(Scope.values()), support.abi());
        section(out, "audit flags", List.of(AuditFlag.values()), support.abi());
        out.println();
        out.println(EnforcementReport.BLIND_SPOTS_HEADING + " (on this kernel, where a profile restricts the area):");
        BlindSpots.of(everythingHandled(support.abi()), SeccompPlan.of(true, java.util.Set.of()))
                .forEach(spot -> out.println("  - " + spot));
        out.println("  - files opened before the sandbox started keep their access (Paddock passes only 0, 1 and 2), "
                + "and a path beneath an allowed one cannot be denied");
        out.println();
        out.println("Paddock's seccomp layer, in every sandbox: "
                + (Architecture.current().isPresent() ? "available for " + Architecture.current().get().name()
                .toLowerCase(java.util.Locale.ROOT) : "NOT AVAILABLE on " + System.getProperty("os.arch")
                + ": Paddock refuses to launch"));
        for (SeccompRule rule : SeccompRule.values()) {
            out.printf("  %-11s %s%n", rule.optIn() ? "opt-in" : "always", rule.describe());
        }
        out.flush();
        return 0;
    }

    private static RulesetPlan everythingHandled(int abi) {
        long fs = AccessRight.maskOf(Abi.filesystemRights(Math.max(abi, Feature.FILESYSTEM.abi())));
        long net = AccessRight.maskOf(Abi.networkRights(Math.max(abi, Feature.TCP.abi())));
        return new RulesetPlan(abi, fs, net, 0, List.of(), List.of(), 0);
    }

    private static void section(PrintWriter out, String title, List<? extends AccessRight> rights, int abi) {
        out.println(title);
        for (AccessRight right : rights) {
            String yes = right instanceof AuditFlag ? "available" : "enforced";
            String here = right.abi() <= abi ? yes : "not on this kernel (needs " + Abi.describe(right.abi())
                    + ")";
            out.printf("  %-24s %-4d %-6s %s%n", right.id(), right.abi(), right.kernel(), here);
        }
    }
}
