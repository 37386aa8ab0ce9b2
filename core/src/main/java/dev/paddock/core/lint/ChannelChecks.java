package dev.paddock.core.lint;

import dev.paddock.core.landlock.Abi;
import dev.paddock.core.landlock.Feature;
import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.landlock.LandlockSupport;
import dev.paddock.core.landlock.Scope;
import dev.paddock.core.policy.BlindSpots;
import dev.paddock.core.policy.CompiledPolicy;
import dev.paddock.core.policy.Policy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The checks on what leaves the sandbox other than through its path rules: pathname and abstract UNIX sockets,
 * signals and UDP. Whether a channel is open comes from the compiled ruleset and {@link BlindSpots}, as the
 * enforcement report says it.
 */
final class ChannelChecks {

    private ChannelChecks() {
    }

    static void check(CompiledPolicy compiled, Grants grants, LandlockSupport support,
                      Supplier<List<SocketScan.Found>> sockets, List<String> abstractSockets, List<Finding> into) {
        Policy policy = compiled.policy();
        if (BlindSpots.unixSocketsReachable(compiled.plan())) {
            List<SocketScan.Found> found = sockets.get();
            if (!found.isEmpty()) {
                boolean kernel = !support.has(Feature.RESOLVE_UNIX);
                into.add(new Finding(LintRule.UNIX_SOCKETS_REACHABLE, Concern.field("abi"), "A program in the "
                        + "sandbox could connect to every UNIX socket on this machine, since "
                        + (kernel ? "this kernel (Landlock ABI " + support.abi() + ") cannot restrict them"
                        : "the profile is written for ABI " + policy.abi()) + ", among them " + named(found)
                        + ".", kernel ? "Run the command on a kernel with Landlock " + Feature.RESOLVE_UNIX
                        .requirement() + " and the profile written for it, or where these sockets are not (as "
                        + "another user, or in a container)." : "Upgrade the profile to ABI " + Abi.LATEST
                        + " (\"abi\": " + Abi.LATEST + "), which denies every socket no rule grants."));
            }
        } else if ((compiled.plan().handledFs() & FsAccess.RESOLVE_UNIX.bit()) != 0) {
            for (Grant grant : grants.all()) {
                if (!grant.has(FsAccess.RESOLVE_UNIX)) {
                    continue;
                }
                List<SocketScan.Found> reached = sockets.get().stream()
                        .filter(socket -> grant.covers(Grants.resolve(socket.path()))).toList();
                if (!reached.isEmpty()) {
                    into.add(new Finding(LintRule.UNIX_SOCKET_GRANTED, Concern.path(grant.written()), "A program "
                            + "in the sandbox could connect to " + named(reached) + " through "
                            + grant.named() + ".", "Grant resolve_unix only on the socket the command needs, "
                            + "not on " + grant.written() + "."));
                }
            }
        }
        scopes(policy, abstractSockets, into);
        if (BlindSpots.udpUnrestricted(compiled.plan(), compiled.seccomp())) {
            boolean upgrade = support.has(Feature.UDP) && !Feature.UDP.availableOn(policy.abi());
            into.add(new Finding(LintRule.UDP_UNRESTRICTED, Concern.field(upgrade ? "abi" : "hardening"), "A "
                    + "program in the sandbox could send what it reads to any host and port over UDP, DNS "
                    + "queries included, whatever the TCP rules say.", upgrade ? "Upgrade the profile to ABI "
                    + Abi.LATEST + " and list the UDP ports it needs (\"connectUdp\": [53] for DNS)."
                    : "Add the udp hardening rule (\"hardening\": [\"udp\"]), which refuses UDP sockets, unless "
                    + "the command needs DNS or QUIC; Landlock restricts UDP from " + Feature.UDP.requirement()
                    + "."));
        }
    }

    /** "/tmp/.X11-unix/X0 and /tmp/.X11-unix/X1 (the X11 display: ...)": the sockets, grouped by what they give. */
    static String named(List<SocketScan.Found> sockets) {
        Map<String, List<Path>> byKind = new LinkedHashMap<>();
        sockets.forEach(socket -> byKind.computeIfAbsent(socket.what(), what -> new ArrayList<>()).add(socket.path()));
        List<String> groups = new ArrayList<>();
        byKind.forEach((what, paths) -> groups.add(Words.some(paths) + " (" + what + ")"));
        return Words.some(groups);
    }

    private static void scopes(Policy policy, List<String> abstractSockets, List<Finding> into) {
        if (off(policy, Scope.ABSTRACT_UNIX_SOCKET)) {
            into.add(new Finding(LintRule.ABSTRACT_SOCKET_SCOPE_OFF, new Concern(Concern.Kind.SCOPE,
                    Scope.ABSTRACT_UNIX_SOCKET.id()), "A program in the sandbox could connect to the abstract UNIX "
                    + "sockets of programs outside it" + (abstractSockets.isEmpty() ? ", such as an X11 display's "
                    + "@/tmp/.X11-unix/X0," : ", such as " + Words.some(abstractSockets) + ",") + " and act "
                    + "through them.", scopeFix(policy, Scope.ABSTRACT_UNIX_SOCKET)));
        }
        if (off(policy, Scope.SIGNAL)) {
            into.add(new Finding(LintRule.SIGNAL_SCOPE_OFF, new Concern(Concern.Kind.SCOPE, Scope.SIGNAL.id()),
                    "A program in the sandbox could send signals to every process you run outside it: stop your "
                            + "editor, kill your shell or suspend a screen locker.", scopeFix(policy, Scope.SIGNAL)));
        }
    }

    /** Whether the profile leaves a scope open: it does not ask for it, or is written for an ABI without it. */
    private static boolean off(Policy policy, Scope scope) {
        return !policy.scopes().contains(scope) || !Abi.scopes(policy.abi()).contains(scope);
    }

    private static String scopeFix(Policy policy, Scope scope) {
        if (!Abi.scopes(policy.abi()).contains(scope)) {
            return "Upgrade the profile to ABI " + Abi.LATEST + " (\"abi\": " + Abi.LATEST + ") and restrict the "
                    + scope.id() + " scope.";
        }
        return "Restrict the " + scope.id() + " scope (add \"" + scope.id() + "\" to \"scopes\").";
    }
}
