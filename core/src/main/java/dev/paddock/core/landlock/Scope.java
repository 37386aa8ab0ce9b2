package dev.paddock.core.landlock;

import java.util.Set;

/** The IPC scopes of Landlock (LANDLOCK_SCOPE_*): what the sandbox may not reach outside its own domain. */
public enum Scope implements AccessRight {
    ABSTRACT_UNIX_SOCKET(0, "Deny connecting to abstract UNIX sockets created outside the sandbox.",
            "connecting to abstract UNIX sockets outside the sandbox"),
    SIGNAL(1, "Deny sending signals to processes outside the sandbox.",
            "sending signals to processes outside the sandbox");

    private final RightFacts facts;

    Scope(int bitIndex, String explanation, String activity) {
        this.facts = new RightFacts(bitIndex, Feature.SCOPES.abi(), explanation, activity);
    }

    @Override
    public RightFacts facts() {
        return facts;
    }

    public static Set<Scope> fromMask(long mask) {
        return AccessRight.fromMask(Scope.class, mask);
    }
}
