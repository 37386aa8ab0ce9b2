package dev.paddock.core.policy;

import dev.paddock.core.landlock.RulesetPlan;
import dev.paddock.core.landlock.Feature;
import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.landlock.NetAccess;
import dev.paddock.core.seccomp.SeccompPlan;
import dev.paddock.core.seccomp.SeccompRule;

import java.util.ArrayList;
import java.util.List;

/**
 * What Landlock cannot restrict for one policy on one kernel, each with its concrete consequence and, where a
 * seccomp hardening rule closes it, the rule to opt in to. A blind spot that the policy's hardening closes is not
 * listed; one that belongs to an area the policy leaves unrestricted is not a blind spot but the user's choice. UDP
 * is one until Landlock handles it (ABI 10); the seccomp udp hardening stays available either way.
 */
public final class BlindSpots {

    private BlindSpots() {
    }

    /** The blind spots, in a fixed order: filesystem, then network. */
    public static List<String> of(RulesetPlan plan, SeccompPlan seccomp) {
        List<String> spots = new ArrayList<>();
        if (plan.handledFs() != 0) {
            if (!seccomp.has(SeccompRule.FILE_METADATA)) {
                spots.add("changing a file's mode, owner, times or extended attributes (chmod, chown, utime, "
                        + "setxattr) works on every file you own, inside or outside the rules: the program can make "
                        + "a private file readable by everyone (harden with " + SeccompRule.FILE_METADATA.id() + ")");
            }
            if ((plan.handledFs() & FsAccess.EXECUTE.bit()) != 0) {
                spots.add(seccomp.has(SeccompRule.MEMFD_EXEC)
                        ? "the execute right guards execve only: the ELF loader (ld.so) runs any program the sandbox "
                        + "may read"
                        : "the execute right guards execve only: the ELF loader (ld.so) runs any program the sandbox "
                        + "may read, and memfd_create with execveat runs code written to memory (harden with "
                        + SeccompRule.MEMFD_EXEC.id() + ")");
            }
            if (unixSocketsReachable(plan)) {
                spots.add("pathname UNIX sockets are reachable before Landlock " + Feature.RESOLVE_UNIX.requirement()
                        + ": the program can "
                        + "connect to any socket it can name, such as the D-Bus session bus (which can start "
                        + "programs outside the sandbox), the Docker socket, ssh-agent or the X11 display");
            }
        }
        if (plan.handledNet() != 0) {
            if (udpUnrestricted(plan, seccomp)) {
                spots.add("UDP is not restricted by the TCP rules: the program can send data to any host and port "
                        + "over UDP, DNS and QUIC included (harden with " + SeccompRule.UDP.id() + ")");
            }
            if (!seccomp.has(SeccompRule.MPTCP)) {
                spots.add("Multipath TCP sockets are not covered by the TCP rules: the program can connect to any "
                        + "port with one where the kernel has MPTCP enabled (harden with " + SeccompRule.MPTCP.id()
                        + ")");
            }
            if ((plan.handledNet() & NetAccess.BIND_TCP.bit()) != 0 && !seccomp.has(SeccompRule.LISTEN)) {
                spots.add("listen() on a socket that was never bound serves on a port the kernel picks, although "
                        + "binding is denied: the program can accept connections (harden with "
                        + SeccompRule.LISTEN.id() + ")");
            }
        }
        return spots;
    }

    /**
     * Whether the sandbox can connect to every pathname UNIX socket it can name: the ruleset restricts the filesystem
     * but not resolve_unix (a kernel or a policy before ABI 9).
     */
    public static boolean unixSocketsReachable(RulesetPlan plan) {
        return plan.handledFs() != 0 && (plan.handledFs() & FsAccess.RESOLVE_UNIX.bit()) == 0;
    }

    /**
     * Whether the sandbox can send UDP anywhere although it restricts the network: the ruleset does not handle both
     * UDP rights and no seccomp rule refuses UDP sockets.
     */
    public static boolean udpUnrestricted(RulesetPlan plan, SeccompPlan seccomp) {
        long udp = NetAccess.BIND_UDP.bit() | NetAccess.CONNECT_SEND_UDP.bit();
        return plan.handledNet() != 0 && (plan.handledNet() & udp) != udp && !seccomp.has(SeccompRule.UDP);
    }
}
