package dev.paddock.core.cli;

import dev.paddock.core.landlock.AccessRight;
import dev.paddock.core.policy.CompiledPolicy;
import dev.paddock.core.landlock.PlannedPathRule;
import dev.paddock.core.landlock.PlannedPortRule;
import dev.paddock.core.landlock.RulesetPlan;
import dev.paddock.core.seccomp.Architecture;
import dev.paddock.core.seccomp.SeccompFilter;

import java.io.PrintStream;
import java.util.Set;
import java.util.stream.Collectors;

/** Prints a ruleset plan as the system calls it stands for, and the seccomp filter instruction by instruction. */
final class PlanPrinter {

    private PlanPrinter() {
    }

    /** The seccomp filter, instruction by instruction. */
    static void printFilter(CompiledPolicy compiled, String prefix, PrintStream out) {
        Architecture.current().ifPresent(architecture -> {
            SeccompFilter filter = SeccompFilter.build(architecture, compiled.seccomp(), false);
            out.printf(prefix + "seccomp filter for %s, %d instructions (with a session of its own, setsid "
                    + "goes to the listener instead):%n", architecture.name().toLowerCase(java.util.Locale.ROOT),
                    filter.program().size());
            filter.listing().forEach(line -> out.println(prefix + "  " + line));
        });
    }

    /** The Landlock calls, one line each, every line starting with {@code prefix}. */
    static void print(RulesetPlan plan, String prefix, PrintStream out) {
        out.printf(prefix + "create_ruleset handled_fs=0x%x handled_net=0x%x scoped=0x%x%n",
                plan.handledFs(), plan.handledNet(), plan.scoped());
        for (PlannedPathRule rule : plan.pathRules()) {
            out.printf(prefix + "add_rule path %s [%s] (%s)%n", rule.shown(), ids(rule.rights()),
                    rule.origin().label());
        }
        for (PlannedPortRule rule : plan.portRules()) {
            out.printf(prefix + "add_rule port %d [%s]%n", rule.port(), ids(rule.rights()));
        }
        out.printf(prefix + "restrict_self flags=0x%x%n", plan.restrictFlags());
    }

    private static String ids(Set<? extends AccessRight> rights) {
        return rights.stream().map(AccessRight::id).collect(Collectors.joining(","));
    }
}
