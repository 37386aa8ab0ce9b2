package dev.paddock.core.landlock;

import java.util.Set;

/**
 * The network access rights of Landlock (LANDLOCK_ACCESS_NET_*): TCP from ABI 4, UDP from ABI 10. Bits and ABIs
 * checked against include/uapi/linux/landlock.h (BIND_UDP is 1 &lt;&lt; 2, CONNECT_SEND_UDP 1 &lt;&lt; 3) and the
 * kernel's selftests, which gate UDP on ABI 10.
 */
public enum NetAccess implements AccessRight {
    BIND_TCP(0, 4, "Bind a TCP socket to a local port (port 0 means any ephemeral port).", "binding TCP ports"),
    CONNECT_TCP(1, 4, "Connect a TCP socket to a remote port.", "connecting to TCP ports"),
    BIND_UDP(2, 10, "Bind a UDP socket to a local port, as a server must to receive datagrams there.",
            "binding UDP ports"),
    CONNECT_SEND_UDP(3, 10, "Connect a UDP socket to a remote port, or send a datagram to it with sendto or sendmsg.",
            "sending UDP datagrams to ports");

    private final RightFacts facts;

    NetAccess(int bitIndex, int abi, String explanation, String activity) {
        this.facts = new RightFacts(bitIndex, abi, explanation, activity);
    }

    @Override
    public RightFacts facts() {
        return facts;
    }

    /** Whether the right is about UDP rather than TCP. */
    public boolean udp() {
        return this == BIND_UDP || this == CONNECT_SEND_UDP;
    }

    /** Whether the right binds (rather than connects or sends). */
    public boolean binds() {
        return this == BIND_TCP || this == BIND_UDP;
    }

    public static Set<NetAccess> fromMask(long mask) {
        return AccessRight.fromMask(NetAccess.class, mask);
    }
}
