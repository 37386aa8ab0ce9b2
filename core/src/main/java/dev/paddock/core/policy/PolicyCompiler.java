package dev.paddock.core.policy;

import dev.paddock.core.landlock.PlannedPortRule;
import dev.paddock.core.landlock.PlannedPathRule;
import dev.paddock.core.landlock.RulesetPlan;
import dev.paddock.core.SandboxException;
import dev.paddock.core.landlock.Abi;
import dev.paddock.core.landlock.AccessRight;
import dev.paddock.core.landlock.AuditFlag;
import dev.paddock.core.landlock.Feature;
import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.landlock.LandlockSupport;
import dev.paddock.core.landlock.NetAccess;
import dev.paddock.core.landlock.RuleFlag;
import dev.paddock.core.landlock.Scope;
import dev.paddock.core.seccomp.SeccompPlan;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Compiles a {@link Policy} for one Landlock ABI into a {@link RulesetPlan} and an {@link EnforcementReport}.
 * Everything the newest known ABI can restrict is requested unless the policy leaves that area unrestricted; what
 * the given ABI cannot handle is dropped and reported, never silently ignored.
 */
public final class PolicyCompiler {

    /**
     * A rule Paddock adds on top of the policy's own (the binary for add-exec, libraries for ldd), or one of the
     * policy's own on its way to the plan.
     */
    public record AddedRule(String path, PathAccess access, PlannedPathRule.Origin origin, boolean quiet,
                            boolean optional) {

        public AddedRule(String path, PathAccess access, PlannedPathRule.Origin origin) {
            this(path, access, origin, false, false);
        }
    }

    private PolicyCompiler() {
    }

    /** Compiles for the kernel as detected: its ABI, and the parts of it the kernel lacks. */
    public static CompiledPolicy compile(Policy policy, LandlockSupport support, List<AddedRule> added)
            throws SandboxException {
        return compile(policy, support.abi(), support.missing(), support.status().sentence(), added);
    }

    /** Compiles for the given ABI (0 means Landlock is unavailable, for the reason given). */
    public static CompiledPolicy compile(Policy policy, int abi, String unavailableReason, List<AddedRule> added)
            throws SandboxException {
        return compile(policy, abi, Set.of(), unavailableReason, added);
    }

    /**
     * Compiles for the given ABI on a kernel that lacks {@code missing} all the same (0 means Landlock is
     * unavailable, for the reason given).
     */
    public static CompiledPolicy compile(Policy policy, int abi, Set<AccessRight> missing, String unavailableReason,
                                         List<AddedRule> added) throws SandboxException {
        List<String> warnings = new ArrayList<>();
        int written = policy.abi();
        Rights rights = Rights.of(policy, abi, missing, unavailableReason);
        long handledFs = rights.handledFs();
        long handledNet = rights.handledNet();
        long scoped = rights.scoped();
        boolean restrictsAnything = (handledFs | handledNet | scoped) != 0;
        List<String> unenforced = rights.unenforced();
        List<String> notes = new ArrayList<>(rights.newer());

        boolean quiet = Feature.QUIET.availableOn(Math.min(abi, written)) && !missing.contains(RuleFlag.QUIET);
        if (policy.hasQuietRules() && !quiet && abi > 0) {
            notes.add("the quiet rules are logged like the others: keeping denials out of the audit log "
                    + (!Feature.QUIET.availableOn(written) ? "needs " + Feature.QUIET.requirement() + " and "
                    + writtenFor(written) : Feature.QUIET.availableOn(abi) ? "is missing from this kernel's ABI "
                    + abi : "needs " + Feature.QUIET.requirement()));
        }
        List<PlannedPathRule> pathRules = planPaths(policy, added, handledFs, abi, quiet, notes);
        warnAboutBroadRules(pathRules, warnings);
        List<PlannedPortRule> portRules = planPorts(policy, handledNet, abi, quiet, notes);
        long restrictFlags = planFlags(policy, abi, notes);
        long quietFs = pathRules.stream().anyMatch(PlannedPathRule::quiet) ? handledFs : 0;
        long quietNet = portRules.stream().anyMatch(PlannedPortRule::quiet) ? handledNet : 0;

        EnforcementReport.Status status = !restrictsAnything ? EnforcementReport.Status.NOT_ENFORCED
                : unenforced.isEmpty() ? EnforcementReport.Status.FULLY_ENFORCED
                : EnforcementReport.Status.PARTIALLY_ENFORCED;
        RulesetPlan plan = new RulesetPlan(abi, handledFs, handledNet, scoped, pathRules, portRules, restrictFlags,
                quietFs, quietNet, 0);
        SeccompPlan seccomp = seccompPlan(policy, abi, missing);
        return new CompiledPolicy(policy, plan, seccomp, new EnforcementReport(status, abi, unenforced, notes,
                warnings, BlindSpots.of(plan, seccomp), seccomp.describe()));
    }

    /**
     * What the ruleset handles for a policy's areas on a kernel, and the report's sentences about the rights it
     * cannot: they depend on the ABIs, the areas and the scopes alone, not on the paths, so each is worked out once.
     *
     * @param unenforced what is not restricted and why, oldest ABI first
     * @param newer      the notes on rights the kernel could restrict but the policy's ABI leaves allowed
     */
    private record Rights(long handledFs, long handledNet, long scoped, List<String> unenforced,
                          List<String> newer) {

        private record Key(int written, boolean unrestrictedFs, boolean unrestrictedNet, Set<Scope> scopes, int abi,
                           Set<AccessRight> missing, String unavailableReason) {
        }

        /** A handful of keys occur (one per policy shape and kernel); the bound only guards against a flood. */
        private static final Map<Key, Rights> KNOWN = new ConcurrentHashMap<>();
        private static final int MOST_KNOWN = 256;

        static Rights of(Policy policy, int abi, Set<AccessRight> missing, String unavailableReason) {
            Key key = new Key(policy.abi(), policy.unrestrictedFilesystem(), policy.unrestrictedNetwork(),
                    Set.copyOf(policy.scopes()), abi, Set.copyOf(missing), abi == 0 ? unavailableReason : "");
            Rights known = KNOWN.get(key);
            if (known == null) {
                known = work(policy, abi, missing, unavailableReason);
                if (KNOWN.size() < MOST_KNOWN) {
                    KNOWN.put(key, known);
                }
            }
            return known;
        }

        private static Rights work(Policy policy, int abi, Set<AccessRight> missing, String unavailableReason) {
            int written = policy.abi();
            Set<FsAccess> requestedFs = policy.unrestrictedFilesystem()
                    ? EnumSet.noneOf(FsAccess.class) : Abi.filesystemRights(written);
            Set<NetAccess> requestedNet = requestedNetwork(policy);
            Set<Scope> requestedScopes = EnumSet.noneOf(Scope.class);
            requestedScopes.addAll(policy.scopes());
            requestedScopes.retainAll(Abi.scopes(written));

            long handledFs = AccessRight.maskOf(requestedFs) & available(Abi.filesystemRights(abi), missing);
            long handledNet = handledNetwork(policy, abi, missing);
            long scoped = AccessRight.maskOf(requestedScopes) & available(Abi.scopes(abi), missing);

            List<String> unenforced = new ArrayList<>();
            if (abi == 0) {
                unenforced.add("nothing is restricted: " + unavailableReason);
            } else if ((handledFs | handledNet | scoped) == 0) {
                unenforced.add("nothing is restricted: the policy leaves every area this kernel can restrict "
                        + "unrestricted");
            }
            List<AccessRight> unhandled = new ArrayList<>();
            unhandled.addAll(requestedFs.stream().filter(r -> (handledFs & r.bit()) == 0).toList());
            unhandled.addAll(requestedNet.stream().filter(r -> (handledNet & r.bit()) == 0).toList());
            unhandled.addAll(requestedScopes.stream().filter(r -> (scoped & r.bit()) == 0).toList());
            List<String> newer = List.of();
            if (abi > 0) {
                unenforced.addAll(gaps(unhandled, abi, missing));
                newer = newerThanThePolicy(policy, abi, missing);
            }
            return new Rights(handledFs, handledNet, scoped, List.copyOf(unenforced), List.copyOf(newer));
        }
    }

    /**
     * The seccomp rules a launch of the policy gets on this kernel, exactly as {@link #compile} plans them; known
     * before the policy's paths are looked at, so that a launch can start installing the filter while it compiles the
     * rest.
     */
    public static SeccompPlan seccompPlan(Policy policy, LandlockSupport support) {
        return seccompPlan(policy, support.abi(), support.missing());
    }

    private static SeccompPlan seccompPlan(Policy policy, int abi, Set<AccessRight> missing) {
        return SeccompPlan.of((handledNetwork(policy, abi, missing) & NetAccess.CONNECT_TCP.bit()) != 0,
                policy.hardening());
    }

    private static Set<NetAccess> requestedNetwork(Policy policy) {
        return policy.unrestrictedNetwork() ? EnumSet.noneOf(NetAccess.class) : Abi.networkRights(policy.abi());
    }

    /** The network rights the ruleset handles: those the policy restricts that this kernel can. */
    private static long handledNetwork(Policy policy, int abi, Set<AccessRight> missing) {
        return AccessRight.maskOf(requestedNetwork(policy)) & available(Abi.networkRights(abi), missing);
    }

    /**
     * One sentence per right the kernel cannot restrict, oldest ABI first: "truncating files is not restricted:
     * needs ABI 3 (Linux 6.2)". The two UDP rights, which always come and go together, make one sentence: "UDP is
     * not restricted: needs ABI 10 (Linux 7.2)".
     */
    private static List<String> gaps(List<AccessRight> unhandled, int abi, Set<AccessRight> missing) {
        List<AccessRight> sorted = unhandled.stream()
                .sorted((a, b) -> a.abi() != b.abi() ? Integer.compare(a.abi(), b.abi())
                        : Long.compare(a.bit(), b.bit()))
                .toList();
        Set<String> lines = new LinkedHashSet<>();
        for (AccessRight right : sorted) {
            String reason = missing.contains(right) && right.abi() <= abi
                    ? "this kernel reports ABI " + abi + " but lacks it" : "needs " + Abi.describe(right.abi());
            String subject = right.activity();
            if (right instanceof NetAccess net && net.udp() && sorted.stream().filter(r -> r instanceof NetAccess n
                    && n.udp()).count() == 2) {
                subject = "UDP";
            }
            lines.add(subject + " is not restricted: " + reason);
        }
        return new ArrayList<>(lines);
    }

    /**
     * The rights this kernel could restrict but the policy, written for an older ABI, leaves allowed: one note each
     * (the UDP rights make one), so that the report says what upgrading the policy would deny.
     */
    private static List<String> newerThanThePolicy(Policy policy, int abi, Set<AccessRight> missing) {
        List<AccessRight> newer = new ArrayList<>(AbiUpgrade.of(policy, Math.min(abi, Abi.LATEST)).rights());
        newer.removeIf(missing::contains);
        Set<String> lines = new LinkedHashSet<>();
        long udp = newer.stream().filter(r -> r instanceof NetAccess n && n.udp()).count();
        for (AccessRight right : newer) {
            String subject = right instanceof NetAccess net && net.udp() && udp == 2 ? "UDP" : right.activity();
            lines.add(subject + " is not restricted: " + writtenFor(policy.abi()) + " (upgrading it to "
                    + Abi.describe(abi) + " restricts it)");
        }
        return new ArrayList<>(lines);
    }

    /** "the profile was written for ABI 9". */
    static String writtenFor(int abi) {
        return "the profile was written for ABI " + abi;
    }

    /** The mask of the rights an ABI knows, less those the kernel lacks (nothing for ABI 0). */
    private static long available(Set<? extends AccessRight> rights, Set<AccessRight> missing) {
        return rights.stream().filter(right -> !missing.contains(right)).mapToLong(AccessRight::bit)
                .reduce(0, (a, b) -> a | b);
    }

    /** Compiles for the given ABI with no added rules. */
    public static CompiledPolicy compile(Policy policy, int abi) throws SandboxException {
        return compile(policy, abi, "Landlock is not available", List.of());
    }

    private static List<PlannedPathRule> planPaths(Policy policy, List<AddedRule> added, long handledFs, int abi,
                                                   boolean quiet, List<String> notes) throws SandboxException {
        List<AddedRule> all = new ArrayList<>();
        for (PathRule rule : policy.paths()) {
            all.add(new AddedRule(rule.path(), rule.access(), PlannedPathRule.Origin.POLICY, rule.quiet(),
                    rule.optional()));
        }
        all.addAll(added);
        if (handledFs == 0) {
            if (!policy.paths().isEmpty()) {
                notes.add("the " + policy.paths().size() + " path rule(s) have no effect: "
                        + (policy.unrestrictedFilesystem() ? "the filesystem is unrestricted"
                        : "this kernel restricts no filesystem access"));
            }
            return List.of();
        }
        Map<String, PlannedPathRule> byPath = new LinkedHashMap<>();
        boolean grantsRefer = false;
        for (AddedRule rule : all) {
            Path path = absolute(rule.path());
            if (!Files.exists(path)) {
                if (policy.ignoreMissing() || rule.optional() || rule.origin() == PlannedPathRule.Origin.LDD) {
                    notes.add("skipped " + path + ": it does not exist");
                    continue;
                }
                throw new SandboxException(SandboxException.Reason.MISSING_PATH, "the path " + path
                        + " does not exist: create it, remove its rule, or ignore missing paths (--ignore-missing; in a profile, \"ignoreMissing\": true or the rule's \"optional\")");
            }
            boolean directory = Files.isDirectory(path);
            Set<FsAccess> rights = rule.access().rightsFor(directory);
            grantsRefer |= rights.contains(FsAccess.REFER);
            long allowed = AccessRight.maskOf(rights) & handledFs;
            if (allowed == 0) {
                notes.add("skipped " + path + ": its rights (" + rule.access().label()
                        + ") mean nothing that this kernel restricts on a " + (directory ? "directory" : "file"));
                continue;
            }
            String key = path.toString();
            PlannedPathRule previous = byPath.get(key);
            boolean quietRule = quiet && rule.quiet();
            if (previous != null) {
                allowed |= previous.allowed();
                quietRule |= previous.quiet();
            }
            byPath.put(key, new PlannedPathRule(key, directory, allowed,
                    previous != null ? previous.origin() : rule.origin(), target(path), quietRule));
        }
        if (abi > 0 && !Feature.REFER.availableOn(abi) && grantsRefer) {
            notes.add(Feature.REFER.words() + " is always denied on ABI " + abi + ": allowing it needs "
                    + Feature.REFER.requirement());
        }
        return new ArrayList<>(byPath.values());
    }

    /**
     * Where a rule's path leads once links are followed, as the kernel will follow them when the rule is opened: a
     * link to / or /proc/self/root is the whole filesystem, whatever its name says. The path itself when it cannot
     * be resolved (a magic link to a pipe, say), since the rule will then be refused or is what it says.
     */
    private static String target(Path path) {
        try {
            return path.toRealPath().toString();
        } catch (java.io.IOException | SecurityException e) {
            return path.toString();
        }
    }

    /**
     * A rule that leads to /, /proc, /sys or /dev, or a folder above them, gives away far more than its written path
     * may suggest; it is judged by where it leads, so that neither a link nor /proc/self/root can hide it.
     */
    private static void warnAboutBroadRules(List<PlannedPathRule> rules, List<String> warnings) {
        for (PlannedPathRule rule : rules) {
            Path target = Path.of(rule.target());
            List<String> covered = BroadAreas.coveredBy(target);
            if (covered.isEmpty()) {
                continue;
            }
            String what = target.getNameCount() == 0 ? "the whole filesystem, " + String.join(", ", covered)
                    + " included" : rule.target();
            String why = covered.stream().map(BroadAreas::consequence).collect(Collectors.joining("; "));
            warnings.add("the rule for " + rule.shown() + " covers " + what + ": " + why
                    + "; allow only the files the command needs");
        }
    }

    private static List<PlannedPortRule> planPorts(Policy policy, long handledNet, int abi, boolean quiet,
                                                   List<String> notes) {
        TreeSet<Integer> ports = new TreeSet<>(policy.bindTcp());
        ports.addAll(policy.connectTcp());
        ports.addAll(policy.bindUdp());
        ports.addAll(policy.connectUdp());
        if (ports.isEmpty()) {
            return List.of();
        }
        String which = policy.hasUdpPorts() ? "port rules" : "TCP port rules";
        if (policy.unrestrictedNetwork()) {
            notes.add("the " + which + " have no effect: the network is unrestricted");
            return List.of();
        }
        boolean udpHandled = (handledNet & UDP) != 0;
        if (handledNet == 0) {
            notes.add("the " + which + " have no effect: TCP rules need " + Feature.TCP.requirement()
                    + (policy.hasUdpPorts() ? " and UDP rules " + Feature.UDP.requirement() : "") + " and "
                    + (Feature.TCP.availableOn(policy.abi()) ? "this is ABI " + abi : writtenFor(policy.abi())));
            return List.of();
        }
        if (policy.hasUdpPorts() && !udpHandled) {
            notes.add("the UDP port rules have no effect: they need " + Feature.UDP.requirement() + " and "
                    + (Feature.UDP.availableOn(policy.abi()) ? "this is ABI " + abi : writtenFor(policy.abi())));
        }
        List<PlannedPortRule> rules = new ArrayList<>();
        for (int port : ports) {
            long allowed = (policy.bindTcp().contains(port) ? NetAccess.BIND_TCP.bit() : 0)
                    | (policy.connectTcp().contains(port) ? NetAccess.CONNECT_TCP.bit() : 0)
                    | (policy.bindUdp().contains(port) ? NetAccess.BIND_UDP.bit() : 0)
                    | (policy.connectUdp().contains(port) ? NetAccess.CONNECT_SEND_UDP.bit() : 0);
            if ((allowed & handledNet) != 0) {
                rules.add(new PlannedPortRule(port, allowed & handledNet, quiet && policy.quietPorts().contains(port)));
            }
        }
        return rules;
    }

    /** The two UDP rights. */
    private static final long UDP = NetAccess.BIND_UDP.bit() | NetAccess.CONNECT_SEND_UDP.bit();

    private static long planFlags(Policy policy, int abi, List<String> notes) {
        if (policy.auditFlags().isEmpty()) {
            return 0;
        }
        if (!Feature.AUDIT_FLAGS.availableOn(Math.min(abi, policy.abi()))) {
            notes.add("the audit flags (" + policy.auditFlags().stream().map(AuditFlag::landrunFlag)
                    .collect(Collectors.joining(", ")) + ") are ignored: they need " + Feature.AUDIT_FLAGS.requirement()
                    + (Feature.AUDIT_FLAGS.availableOn(policy.abi()) ? "" : " and " + writtenFor(policy.abi())));
            return 0;
        }
        return AccessRight.maskOf(policy.auditFlags());
    }

    static Path absolute(String path) throws SandboxException {
        try {
            return Path.of(path).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw new SandboxException(SandboxException.Reason.INVALID_POLICY,
                    "the path \"" + path + "\" is not valid: " + e.getReason());
        }
    }
}
