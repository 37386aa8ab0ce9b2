package dev.paddock.core.landlock;

import java.util.Set;

/** The IPC scopes of Landlock (LANDLOCK_SCOPE_*): what the sandbox may not reach outside its own domain. */
public enum Scope implements AccessRight {
    ABSTRACT_UNIX_SOCKET(0, "Deny connecting to abstract UNIX sockets created outside the sandbox.",
            "connecting to abstract UNIX sockets outside the sandbox"),
    SIGNAL(1, "Deny sending signals to processes outside the sandbox.",
            "sending signals to processes outside the sandbox");

    private final int bitIndex;
    private final String explanation;
    private final String activity;

    Scope(int bitIndex, String explanation, String activity) {
        this.bitIndex = bitIndex;
        this.explanation = explanation;
        this.activity = activity;
    }

    @Override
    public long bit() {
        return 1L << bitIndex;
    }

    @Override
    public int abi() {
        return 6;
    }

    @Override
    public String explanation() {
        return explanation;
    }

    @Override
    public String activity() {
        return activity;
    }

    @Override
    public String kernelName() {
        return "LANDLOCK_SCOPE_" + name();
    }

    public static Set<Scope> fromMask(long mask) {
        return AccessRight.fromMask(Scope.class, mask);
    }
}
