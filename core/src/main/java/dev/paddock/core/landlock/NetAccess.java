package dev.paddock.core.landlock;

import java.util.Set;

/** The network access rights of Landlock (LANDLOCK_ACCESS_NET_*); TCP only, never UDP. */
public enum NetAccess implements AccessRight {
    BIND_TCP(0, "Bind a TCP socket to a local port (port 0 means any ephemeral port).", "binding TCP ports"),
    CONNECT_TCP(1, "Connect a TCP socket to a remote port.", "connecting to TCP ports");

    private final int bitIndex;
    private final String explanation;
    private final String activity;

    NetAccess(int bitIndex, String explanation, String activity) {
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
        return 4;
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
        return "LANDLOCK_ACCESS_NET_" + name();
    }

    public static Set<NetAccess> fromMask(long mask) {
        return AccessRight.fromMask(NetAccess.class, mask);
    }
}
