package dev.paddock.core.policy;

import dev.paddock.core.landlock.Abi;
import dev.paddock.core.landlock.AuditFlag;
import dev.paddock.core.landlock.Scope;
import dev.paddock.core.seccomp.SeccompRule;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * An immutable sandbox policy: deny everything the kernel can restrict, then allow what the rules say. The command
 * and working directory are optional here; a launch supplies them when the policy has none.
 *
 * @param paths                  path rules, in the order given
 * @param bindTcp                TCP ports the child may bind (0 allows ephemeral ports)
 * @param connectTcp             TCP ports the child may connect to
 * @param bindUdp                UDP ports the child may bind (0 allows ephemeral ports); ABI 10
 * @param connectUdp             UDP ports the child may connect to or send datagrams to; ABI 10
 * @param quietPorts             ports whose rules are quiet: their denials are not logged (ABI 10); each has a rule
 * @param scopes                 IPC scopes that are restricted; empty means unrestricted
 * @param unrestrictedFilesystem leave the filesystem alone: no filesystem right is handled
 * @param unrestrictedNetwork    leave the network alone: no network right (TCP or UDP) is handled
 * @param environment            the child's environment; empty by default
 * @param workingDirectory       the child's working directory, or null for the caller's
 * @param command                the program and its arguments, or empty
 * @param addExec                allow executing the command's binary itself
 * @param ldd                    allow the command's ELF interpreter and libraries
 * @param ignoreMissing          skip rules whose path does not exist instead of failing
 * @param auditFlags             landlock_restrict_self flags (ABI 7)
 * @param compatibility          best effort or strict
 * @param hardening              opt-in seccomp rules for what Landlock cannot restrict
 * @param abi                    the Landlock ABI the policy was written for: it restricts what that ABI knows, and
 *                               rights that came later stay allowed until the policy is upgraded (see
 *                               {@link AbiUpgrade}); a new policy is written for {@link Abi#LATEST}
 */
public record Policy(List<PathRule> paths, SortedSet<Integer> bindTcp, SortedSet<Integer> connectTcp,
                     SortedSet<Integer> bindUdp, SortedSet<Integer> connectUdp, SortedSet<Integer> quietPorts,
                     Set<Scope> scopes,
                     boolean unrestrictedFilesystem, boolean unrestrictedNetwork, List<EnvVar> environment,
                     String workingDirectory, List<String> command, boolean addExec, boolean ldd,
                     boolean ignoreMissing, Set<AuditFlag> auditFlags, Compatibility compatibility,
                     Set<SeccompRule> hardening, int abi) {

    public static final int MAX_PORT = PortUse.MAX_PORT;

    public Policy {
        paths = List.copyOf(paths);
        bindTcp = Collections.unmodifiableSortedSet(checkPorts(bindTcp, PortUse.BIND, "TCP"));
        connectTcp = Collections.unmodifiableSortedSet(checkPorts(connectTcp, PortUse.CONNECT, "TCP"));
        bindUdp = Collections.unmodifiableSortedSet(checkPorts(bindUdp, PortUse.BIND, "UDP"));
        connectUdp = Collections.unmodifiableSortedSet(checkPorts(connectUdp, PortUse.CONNECT, "UDP"));
        quietPorts = Collections.unmodifiableSortedSet(new TreeSet<>(quietPorts));
        for (int port : quietPorts) {
            if (!bindTcp.contains(port) && !connectTcp.contains(port) && !bindUdp.contains(port)
                    && !connectUdp.contains(port)) {
                throw new IllegalArgumentException("the quiet port " + port + " has no rule: allow binding or "
                        + "connecting to it first");
            }
        }
        scopes = Collections.unmodifiableSet(scopes.isEmpty() ? EnumSet.noneOf(Scope.class) : EnumSet.copyOf(scopes));
        environment = List.copyOf(environment);
        command = List.copyOf(command);
        auditFlags = Collections.unmodifiableSet(
                auditFlags.isEmpty() ? EnumSet.noneOf(AuditFlag.class) : EnumSet.copyOf(auditFlags));
        hardening = Collections.unmodifiableSet(
                hardening.isEmpty() ? EnumSet.noneOf(SeccompRule.class) : EnumSet.copyOf(hardening));
        if (compatibility == null) {
            throw new IllegalArgumentException("a policy needs a compatibility level");
        }
        if (!Abi.known(abi)) {
            throw new IllegalArgumentException("Landlock ABI " + abi + " is unknown: this Paddock knows ABI 1 to "
                    + Abi.LATEST);
        }
        for (String word : command) {
            if (word.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("the command word \"" + word.replace('\0', '?')
                        + "\" contains a NUL byte");
            }
        }
    }

    private static SortedSet<Integer> checkPorts(Collection<Integer> ports, PortUse use, String protocol) {
        TreeSet<Integer> sorted = new TreeSet<>();
        for (Integer port : ports) {
            if (port == null || !use.accepts(port)) {
                throw new IllegalArgumentException(protocol + " " + use.verb() + " port " + port + " "
                        + use.rangeProblem());
            }
            sorted.add(port);
        }
        return sorted;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this policy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.from(this);
        return b;
    }

    /** The same policy written for another ABI. */
    public Policy withAbi(int newAbi) {
        return toBuilder().abi(newAbi).build();
    }

    /** Whether a path or port rule is quiet. */
    public boolean hasQuietRules() {
        return !quietPorts.isEmpty() || paths.stream().anyMatch(PathRule::quiet);
    }

    /** Whether the policy has a UDP port rule. */
    public boolean hasUdpPorts() {
        return !bindUdp.isEmpty() || !connectUdp.isEmpty();
    }

    /** Whether the IPC scopes are left open entirely. */
    public boolean unrestrictedScopes() {
        return scopes.isEmpty();
    }

    /** Composes a policy. */
    public static final class Builder extends PolicyBuilder<Builder> {
        Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** @throws IllegalArgumentException naming the bad value */
        public Policy build() {
            return buildPolicy();
        }
    }
}
