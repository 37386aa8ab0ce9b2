package dev.paddock.core.landlock;


import java.util.Set;

/** One landlock_add_rule(NET_PORT) call. */
public record PlannedPortRule(int port, long allowed) {

    public Set<NetAccess> rights() {
        return NetAccess.fromMask(allowed);
    }
}
