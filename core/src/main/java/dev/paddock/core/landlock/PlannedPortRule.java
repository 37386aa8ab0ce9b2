package dev.paddock.core.landlock;


import java.util.Set;

/** One landlock_add_rule(NET_PORT) call; a quiet one carries LANDLOCK_ADD_RULE_QUIET. */
public record PlannedPortRule(int port, long allowed, boolean quiet) {

    /** A rule whose denials are logged as usual. */
    public PlannedPortRule(int port, long allowed) {
        this(port, allowed, false);
    }

    public Set<NetAccess> rights() {
        return NetAccess.fromMask(allowed);
    }

    /** The flags for landlock_add_rule. */
    public long flags() {
        return quiet ? RuleFlag.QUIET.bit() : 0;
    }
}
