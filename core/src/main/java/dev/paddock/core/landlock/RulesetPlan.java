package dev.paddock.core.landlock;

import java.util.List;

/**
 * Exactly what Paddock will ask the kernel for: the handled masks (and, from ABI 10, the quiet masks) for
 * landlock_create_ruleset, the rules for landlock_add_rule, and the flags for landlock_restrict_self. An empty
 * handled set means no ruleset is made.
 *
 * @param quietFs     the filesystem rights whose denials are not logged beneath a quiet path rule (0 before ABI 10)
 * @param quietNet    the network rights whose denials are not logged on a quiet port rule (0 before ABI 10)
 * @param quietScoped the scopes whose denials are never logged (0 before ABI 10)
 */
public record RulesetPlan(int abi, long handledFs, long handledNet, long scoped, List<PlannedPathRule> pathRules,
                          List<PlannedPortRule> portRules, long restrictFlags, long quietFs, long quietNet,
                          long quietScoped) {

    public RulesetPlan {
        pathRules = List.copyOf(pathRules);
        portRules = List.copyOf(portRules);
    }

    /** A plan with no quiet masks. */
    public RulesetPlan(int abi, long handledFs, long handledNet, long scoped, List<PlannedPathRule> pathRules,
                       List<PlannedPortRule> portRules, long restrictFlags) {
        this(abi, handledFs, handledNet, scoped, pathRules, portRules, restrictFlags, 0, 0, 0);
    }

    /** Whether there is anything for Landlock to enforce. */
    public boolean restrictsAnything() {
        return abi > 0 && (handledFs | handledNet | scoped) != 0;
    }
}
