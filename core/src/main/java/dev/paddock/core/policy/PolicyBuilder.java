package dev.paddock.core.policy;

import dev.paddock.core.landlock.Abi;
import dev.paddock.core.landlock.AuditFlag;
import dev.paddock.core.landlock.Scope;
import dev.paddock.core.seccomp.SeccompRule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.TreeSet;

/**
 * The fluent part of building a policy, shared by {@link Policy.Builder} and the launch package's Sandbox builder.
 * Scopes start fully restricted, the environment empty, compatibility best-effort.
 *
 * @param <B> the concrete builder, so that every method returns it
 */
public abstract class PolicyBuilder<B extends PolicyBuilder<B>> {
    private final List<PathRule> paths = new ArrayList<>();
    private final List<Integer> bindTcp = new ArrayList<>();
    private final List<Integer> connectTcp = new ArrayList<>();
    private final List<Integer> bindUdp = new ArrayList<>();
    private final List<Integer> connectUdp = new ArrayList<>();
    private final List<Integer> quietPorts = new ArrayList<>();
    private EnumSet<Scope> scopes = EnumSet.allOf(Scope.class);
    private boolean unrestrictedFilesystem;
    private boolean unrestrictedNetwork;
    private final List<EnvVar> environment = new ArrayList<>();
    private String workingDirectory;
    private final List<String> command = new ArrayList<>();
    private boolean addExec;
    private boolean ldd;
    private boolean ignoreMissing;
    private final EnumSet<AuditFlag> auditFlags = EnumSet.noneOf(AuditFlag.class);
    private Compatibility compatibility = Compatibility.BEST_EFFORT;
    private final EnumSet<SeccompRule> hardening = EnumSet.noneOf(SeccompRule.class);
    private int abi = Abi.LATEST;

    public B path(String path, PathAccess access) {
        paths.add(new PathRule(path, access));
        return self();
    }

    /** Adds a rule as it is, quiet or not. */
    public B rule(PathRule rule) {
        paths.add(rule);
        return self();
    }

    /** Removes every path rule given so far. */
    public B clearPaths() {
        paths.clear();
        return self();
    }

    public B paths(Collection<PathRule> rules) {
        paths.addAll(rules);
        return self();
    }

    public B readOnly(String... paths) {
        return mode(AccessMode.RO, paths);
    }

    public B readExec(String... paths) {
        return mode(AccessMode.ROX, paths);
    }

    public B readWrite(String... paths) {
        return mode(AccessMode.RW, paths);
    }

    public B readWriteExec(String... paths) {
        return mode(AccessMode.RWX, paths);
    }

    private B mode(AccessMode mode, String... paths) {
        for (String path : paths) {
            path(path, mode);
        }
        return self();
    }

    public B bindTcp(int... ports) {
        Arrays.stream(ports).forEach(bindTcp::add);
        return self();
    }

    public B connectTcp(int... ports) {
        Arrays.stream(ports).forEach(connectTcp::add);
        return self();
    }

    /** UDP ports the child may bind; needs ABI 10. */
    public B bindUdp(int... ports) {
        Arrays.stream(ports).forEach(bindUdp::add);
        return self();
    }

    /** UDP ports the child may connect to or send datagrams to (DNS is 53); needs ABI 10. */
    public B connectUdp(int... ports) {
        Arrays.stream(ports).forEach(connectUdp::add);
        return self();
    }

    /** Marks the rules of these ports quiet: their denials are not logged (ABI 10). Each port needs a rule. */
    public B quietPorts(int... ports) {
        Arrays.stream(ports).forEach(quietPorts::add);
        return self();
    }

    /** The scopes to restrict; the default is all of them. */
    public B scopes(Collection<Scope> restricted) {
        scopes = restricted.isEmpty() ? EnumSet.noneOf(Scope.class) : EnumSet.copyOf(restricted);
        return self();
    }

    public B unrestrictedFilesystem(boolean value) {
        unrestrictedFilesystem = value;
        return self();
    }

    public B unrestrictedNetwork(boolean value) {
        unrestrictedNetwork = value;
        return self();
    }

    public B unrestrictedScopes(boolean value) {
        scopes = value ? EnumSet.noneOf(Scope.class) : EnumSet.allOf(Scope.class);
        return self();
    }

    public B passEnv(String... names) {
        for (String name : names) {
            environment.add(EnvVar.pass(name));
        }
        return self();
    }

    public B setEnv(String name, String value) {
        environment.add(EnvVar.set(name, value));
        return self();
    }

    public B env(EnvVar variable) {
        environment.add(variable);
        return self();
    }

    public B workingDirectory(String directory) {
        workingDirectory = directory;
        return self();
    }

    public B command(List<String> words) {
        command.clear();
        command.addAll(words);
        return self();
    }

    public B command(String... words) {
        return command(Arrays.asList(words));
    }

    public B addExec(boolean value) {
        addExec = value;
        return self();
    }

    public B ldd(boolean value) {
        ldd = value;
        return self();
    }

    public B ignoreMissing(boolean value) {
        ignoreMissing = value;
        return self();
    }

    public B auditFlag(AuditFlag flag) {
        auditFlags.add(flag);
        return self();
    }

    /**
     * Opts in to a seccomp hardening rule that closes a channel Landlock cannot restrict, at the price of breaking
     * the programs that need it.
     *
     * @throws IllegalArgumentException for a rule that is always on
     */
    public B harden(SeccompRule rule) {
        if (!rule.optIn()) {
            throw new IllegalArgumentException(rule.id() + " is always on and is not a hardening option");
        }
        hardening.add(rule);
        return self();
    }

    /**
     * The Landlock ABI the policy is written for (default: {@link Abi#LATEST}, the newest this Paddock knows). It
     * restricts what that ABI knows; rights that later ABIs bring stay allowed, so that upgrading Paddock never
     * changes what a policy denies.
     */
    public B abi(int value) {
        abi = value;
        return self();
    }

    public B compatibility(Compatibility value) {
        compatibility = value;
        return self();
    }

    public B bestEffort() {
        return compatibility(Compatibility.BEST_EFFORT);
    }

    public B strict() {
        return compatibility(Compatibility.STRICT);
    }

    /** Builds the policy; @throws IllegalArgumentException naming the bad value. */
    protected Policy buildPolicy() {
        return new Policy(paths, new TreeSet<>(bindTcp), new TreeSet<>(connectTcp), new TreeSet<>(bindUdp),
                new TreeSet<>(connectUdp), new TreeSet<>(quietPorts), scopes, unrestrictedFilesystem,
                unrestrictedNetwork, environment, workingDirectory, command, addExec, ldd, ignoreMissing,
                auditFlags, compatibility, hardening, abi);
    }

    /** Copies every field of a policy into this builder. */
    protected void from(Policy policy) {
        paths.addAll(policy.paths());
        bindTcp.addAll(policy.bindTcp());
        connectTcp.addAll(policy.connectTcp());
        bindUdp.addAll(policy.bindUdp());
        connectUdp.addAll(policy.connectUdp());
        quietPorts.addAll(policy.quietPorts());
        scopes(policy.scopes());
        unrestrictedFilesystem = policy.unrestrictedFilesystem();
        unrestrictedNetwork = policy.unrestrictedNetwork();
        environment.addAll(policy.environment());
        workingDirectory = policy.workingDirectory();
        command.addAll(policy.command());
        addExec = policy.addExec();
        ldd = policy.ldd();
        ignoreMissing = policy.ignoreMissing();
        auditFlags.addAll(policy.auditFlags());
        compatibility = policy.compatibility();
        hardening.addAll(policy.hardening());
        abi = policy.abi();
    }

    protected abstract B self();
}
