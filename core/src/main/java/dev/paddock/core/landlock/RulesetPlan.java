package dev.paddock.core.landlock;

import java.util.List;

/**
 * Exactly what Paddock will ask the kernel for: the handled masks for landlock_create_ruleset, the rules for
 * landlock_add_rule, and the flags for landlock_restrict_self. An empty handled set means no ruleset is made.
 */
public record RulesetPlan(int abi, long handledFs, long handledNet, long scoped, List<PlannedPathRule> pathRules,
                          List<PlannedPortRule> portRules, long restrictFlags) {

    public RulesetPlan {
        pathRules = List.copyOf(pathRules);
        portRules = List.copyOf(portRules);
    }

    /** Whether there is anything for Landlock to enforce. */
    public boolean restrictsAnything() {
        return abi > 0 && (handledFs | handledNet | scoped) != 0;
    }
}
