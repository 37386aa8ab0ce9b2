package dev.paddock.core.cli;

import dev.paddock.core.landlock.Abi;
import dev.paddock.core.landlock.AccessRight;
import dev.paddock.core.landlock.AuditFlag;
import dev.paddock.core.landlock.CreateFlag;
import dev.paddock.core.landlock.Erratum;
import dev.paddock.core.landlock.Feature;
import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.landlock.LandlockSupport;
import dev.paddock.core.landlock.NetAccess;
import dev.paddock.core.landlock.RestrictFlag;
import dev.paddock.core.landlock.RuleFlag;
import dev.paddock.core.landlock.RulesetField;
import dev.paddock.core.landlock.Scope;
import dev.paddock.core.policy.BlindSpots;
import dev.paddock.core.policy.EnforcementReport;
import dev.paddock.core.landlock.RulesetPlan;
import dev.paddock.core.seccomp.Architecture;
import dev.paddock.core.seccomp.SeccompPlan;
import dev.paddock.core.seccomp.SeccompRule;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code paddock abi}: the kernel, the Landlock status, and every feature with whether it is enforceable here. */
@Command(name = "abi", mixinStandardHelpOptions = true,
        description = "Show the kernel release, the Landlock ABI and what this kernel can enforce: every right, "
                + "scope and flag with the ABI and Linux release that brought it, the ruleset structure's fields, "
                + "and the errata this kernel fixed.")
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
            if (!support.missing().isEmpty()) {
                out.printf("Missing:   this kernel reports ABI %d but lacks %s%n", support.abi(),
                        support.missing().stream().map(AccessRight::id).collect(Collectors.joining(", ")));
            }
            out.printf("Errata:    %s%n", errataSummary(support));
        } else {
            out.printf("Landlock:  NOT AVAILABLE: %s%n", support.status().sentence());
        }
        out.printf("Paddock knows Landlock up to %s.%n", Abi.describe(Abi.LATEST));
        out.println();
        out.printf("%-26s %-4s %-6s %s%n", "FEATURE", "ABI", "LINUX", "HERE");
        section(out, "filesystem", List.of(FsAccess.values()), support);
        section(out, "network (TCP and UDP)", List.of(NetAccess.values()), support);
        section(out, "scopes", List.of(Scope.values()), support);
        section(out, "landlock_restrict_self: audit flags", List.of(AuditFlag.values()), support);
        section(out, "landlock_restrict_self: other flags", List.of(RestrictFlag.values()), support);
        section(out, "landlock_add_rule flags", List.of(RuleFlag.values()), support);
        section(out, "landlock_create_ruleset flags", List.of(CreateFlag.values()), support);
        out.println();
        out.println("struct landlock_ruleset_attr: each ABI passes the fields it knows (" + sizes() + ")");
        for (RulesetField field : RulesetField.values()) {
            out.printf("  %-24s %-4d %-6s offset %d: %s%n", field.cName(), field.abi(), field.kernel(),
                    field.offset(), field.explanation());
        }
        out.println();
        out.println("Errata (landlock_create_ruleset with LANDLOCK_CREATE_RULESET_ERRATA):");
        for (Erratum erratum : Erratum.values()) {
            String here = !support.answersErrata() ? "unknown here"
                    : support.fixed(erratum) ? "fixed here" : "not fixed here";
            out.printf("  %d %s (ABI %d): %s. %s%n", erratum.number(), erratum.title(), erratum.abi(), here,
                    erratum.explanation());
        }
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

    /** "fixed: 1 (TCP socket identification), 3 (...); not fixed: 2 (...)", or why there is no answer. */
    static String errataSummary(LandlockSupport support) {
        if (!support.answersErrata()) {
            return "this kernel does not answer the errata query (it needs Linux 6.15 or a stable kernel that "
                    + "has the fixes backported)";
        }
        List<String> fixed = new ArrayList<>();
        List<String> open = new ArrayList<>();
        for (Erratum erratum : Erratum.values()) {
            (support.fixed(erratum) ? fixed : open).add(erratum.number() + " (" + erratum.title() + ")");
        }
        return "fixed: " + (fixed.isEmpty() ? "none" : String.join(", ", fixed))
                + (open.isEmpty() ? "" : "; not reported fixed: " + String.join(", ", open));
    }

    /** "8 bytes on ABI 1 to 3, 16 on ABI 4 to 5, ...", from the fields. */
    private static String sizes() {
        List<String> parts = new ArrayList<>();
        int from = 1;
        for (int abi = 1; abi <= Abi.LATEST; abi++) {
            int size = Abi.rulesetAttrSize(abi);
            if (abi == Abi.LATEST || Abi.rulesetAttrSize(abi + 1) != size) {
                parts.add(size + " bytes on ABI " + (from == abi ? from : from + " to " + abi));
                from = abi + 1;
            }
        }
        return String.join(", ", parts);
    }

    private static RulesetPlan everythingHandled(int abi) {
        long fs = AccessRight.maskOf(Abi.filesystemRights(Math.max(abi, Feature.FILESYSTEM.abi())));
        long net = AccessRight.maskOf(Abi.networkRights(Math.max(abi, Feature.TCP.abi())));
        return new RulesetPlan(abi, fs, net, 0, List.of(), List.of(), 0);
    }

    private static void section(PrintWriter out, String title, List<? extends AccessRight> rights,
                                LandlockSupport support) {
        out.println(title);
        for (AccessRight right : rights) {
            String yes = right instanceof FsAccess || right instanceof NetAccess || right instanceof Scope
                    ? "enforced" : "available";
            String here = support.enforces(right) ? yes : right.abi() > support.abi()
                    ? "not on this kernel (" + support.requirement(right) + ")"
                    : "missing: this kernel reports ABI " + support.abi() + " but refuses it";
            out.printf("  %-24s %-4d %-6s %s%n", right.id(), right.abi(), right.kernel(), here);
            if (right instanceof RestrictFlag flag) {
                out.printf("  %-36s %s%n", "", flag.paddock());
            }
        }
    }
}
