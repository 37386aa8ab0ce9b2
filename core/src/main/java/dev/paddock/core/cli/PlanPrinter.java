package dev.paddock.core.cli;

import dev.paddock.core.landlock.AccessRight;
import dev.paddock.core.policy.PlannedPathRule;
import dev.paddock.core.policy.PlannedPortRule;
import dev.paddock.core.policy.RulesetPlan;

import java.io.PrintStream;
import java.util.Set;
import java.util.stream.Collectors;

/** Prints a ruleset plan as the system calls it stands for. */
final class PlanPrinter {

    private PlanPrinter() {
    }

    static void print(RulesetPlan plan, PrintStream out) {
        out.printf("paddock: debug: create_ruleset handled_fs=0x%x handled_net=0x%x scoped=0x%x%n",
                plan.handledFs(), plan.handledNet(), plan.scoped());
        for (PlannedPathRule rule : plan.pathRules()) {
            out.printf("paddock: debug: add_rule path %s [%s] (%s)%n", rule.shown(), ids(rule.rights()),
                    rule.origin().label());
        }
        for (PlannedPortRule rule : plan.portRules()) {
            out.printf("paddock: debug: add_rule port %d [%s]%n", rule.port(), ids(rule.rights()));
        }
        out.printf("paddock: debug: restrict_self flags=0x%x%n", plan.restrictFlags());
    }

    private static String ids(Set<? extends AccessRight> rights) {
        return rights.stream().map(AccessRight::id).collect(Collectors.joining(","));
    }
}
