package dev.paddock.core.learn;

import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.landlock.NetAccess;
import dev.paddock.core.policy.AccessMode;
import dev.paddock.core.policy.PathAccess;
import dev.paddock.core.policy.PathRule;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.policy.RightSet;
import dev.paddock.core.trace.AccessModel;
import dev.paddock.core.trace.Explainer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The rules a learning holds so far, path and port, each with its reasons; how a file's rule is collapsed into its
 * directory's; and what a set of fixes would change. A copy answers "what if" without touching the original.
 */
final class LearnedRules {
    /** Where a file's rule becomes its directory's at once: the first directory beneath one of these. */
    private static final List<String> LIBRARY_ROOTS = List.of("/usr/lib", "/usr/lib32", "/usr/lib64",
            "/usr/libexec", "/usr/share", "/usr/local/lib", "/usr/local/share", "/opt");

    /** Directories never proposed in place of their files. */
    private static final Set<String> NO_COLLAPSE = Set.of("/", "/etc", "/dev", "/proc", "/sys", "/tmp", "/var",
            "/var/tmp", "/run", "/home", "/root", "/usr", "/dev/shm", "/mnt", "/media", "/srv");

    /** What a listing's rule grants: read_dir alone, as {@code --list} and the fix of a denied listing. */
    static final RightSet LISTING = RightSet.of(FsAccess.READ_DIR);

    private final RuleJudge judge;
    private final String home;
    private final Map<String, Mutable> rules = new TreeMap<>();
    private final Map<String, MutablePort> ports = new TreeMap<>();

    private static final class Mutable {
        final String path;
        boolean directory;
        AccessMode mode;
        /** Only read_dir, on a folder (mode is then ro): a listing. */
        boolean listing;
        final Set<String> reasons = new LinkedHashSet<>();

        Mutable(String path, boolean directory, AccessMode mode, boolean listing) {
            this.path = path;
            this.directory = directory;
            this.mode = mode;
            this.listing = listing;
        }

        PathAccess access() {
            return listing ? LISTING : mode;
        }
    }

    /** Whether a rule grants read_dir alone. */
    static boolean isListing(PathAccess access) {
        return LISTING.equals(access);
    }

    /** A rule's flag name: "list" for a listing, else its mode's. */
    static String label(AccessMode mode, PathAccess access) {
        return isListing(access) ? "list" : mode.label();
    }

    private record MutablePort(NetAccess right, int port, Set<String> reasons) {
    }

    LearnedRules(RuleJudge judge) {
        this.judge = judge;
        this.home = judge.home();
    }

    /** A deep copy: changing it leaves this one as it is. */
    LearnedRules copy() {
        LearnedRules copy = new LearnedRules(judge);
        rules.values().forEach(r -> {
            Mutable m = new Mutable(r.path, r.directory, r.mode, r.listing);
            m.reasons.addAll(r.reasons);
            copy.rules.put(r.path, m);
        });
        ports.forEach((key, p) -> copy.ports.put(key, new MutablePort(p.right(), p.port(),
                new LinkedHashSet<>(p.reasons()))));
        return copy;
    }

    /** Makes this hold what {@code other} holds. */
    void replaceWith(LearnedRules other) {
        LearnedRules copy = other.copy();
        rules.clear();
        rules.putAll(copy.rules);
        ports.clear();
        ports.putAll(copy.ports);
    }

    boolean addPort(NetAccess right, int port, String reason) {
        return addPort(right, port, List.of(reason));
    }

    private boolean addPort(NetAccess right, int port, Collection<String> reasons) {
        String key = right + " " + port;
        MutablePort existing = ports.get(key);
        if (existing != null) {
            existing.reasons().addAll(reasons);
            return false;
        }
        ports.put(key, new MutablePort(right, port, new LinkedHashSet<>(reasons)));
        return true;
    }

    /** Adds a rule (or widens one); returns whether anything changed. */
    boolean add(String path, boolean directory, AccessMode mode, String reason) {
        return add(path, directory, mode, false, List.of(reason));
    }

    /** Adds a rule, a listing (read_dir alone on a folder) when {@code listing}; returns whether anything changed. */
    boolean add(String path, boolean directory, AccessMode mode, boolean listing, String reason) {
        return add(path, directory, mode, listing, List.of(reason));
    }

    private boolean add(String path, boolean directory, AccessMode mode, boolean listing,
                        Collection<String> reasons) {
        Mutable existing = rules.get(path);
        if (existing == null) {
            Mutable rule = new Mutable(path, directory, mode, listing && directory);
            rule.reasons.addAll(reasons);
            rules.put(path, rule);
            return true;
        }
        existing.reasons.addAll(reasons);
        boolean changed = directory && !existing.directory;
        existing.directory |= directory;
        if (listing) {
            return changed; // every mode on a folder lets it be listed
        }
        AccessMode wider = existing.listing ? mode : wider(existing.mode, mode);
        changed |= existing.listing || wider != existing.mode;
        existing.mode = wider;
        existing.listing = false;
        return changed;
    }

    /** Adds proposed rules as they are (a folder rule drops the rules beneath it that it covers). */
    void apply(Collection<ProposedRule> proposed) {
        for (ProposedRule rule : proposed) {
            if (rule.port()) {
                addPort(rule.right(), rule.portNumber(), rule.reasons());
            } else {
                add(rule.path(), rule.directory(), rule.mode(), rule.listingOnly(), rule.reasons());
            }
        }
        dropCovered();
    }

    /**
     * What {@code after} (this, changed) holds that {@code before} did not: each new or widened rule, with the
     * reasons that are new to it.
     */
    List<ProposedRule> changesFrom(LearnedRules before) {
        Set<String> known = new LinkedHashSet<>();
        before.rules.values().forEach(r -> known.addAll(r.reasons));
        before.ports.values().forEach(p -> known.addAll(p.reasons()));
        List<ProposedRule> changes = new ArrayList<>();
        for (Mutable rule : rules.values()) {
            Mutable was = before.rules.get(rule.path);
            if (was == null || was.mode != rule.mode || was.listing != rule.listing
                    || was.directory != rule.directory) {
                List<String> fresh = rule.reasons.stream().filter(r -> !known.contains(r)).toList();
                RuleJudge.Danger danger = judge.of(rule.path, rule.access());
                changes.add(ProposedRule.onPath(rule.path, rule.directory, rule.mode, rule.access(),
                        fresh.isEmpty() ? List.copyOf(rule.reasons) : fresh, danger == null ? null : danger.text(),
                        danger != null && danger.lintError()));
            }
        }
        ports.forEach((key, port) -> {
            if (!before.ports.containsKey(key)) {
                changes.add(ProposedRule.onPort(port.right(), port.port(), List.copyOf(port.reasons())));
            }
        });
        return changes;
    }

    /** The rules as the profile will hold them, with their reasons and warnings. */
    List<LearnedProfile.Rule> rules() {
        return rules.values().stream().map(r -> new LearnedProfile.Rule(r.path, r.directory, r.mode, r.access(),
                List.copyOf(r.reasons), warning(r.path, r.access()))).toList();
    }

    List<LearnedProfile.Port> ports() {
        return ports.values().stream().map(p -> new LearnedProfile.Port(p.right(), p.port(), List.copyOf(p.reasons())))
                .toList();
    }

    /** Text that changes whenever a rule is added or widened. */
    String snapshot() {
        StringBuilder text = new StringBuilder();
        rules.values().forEach(r -> text.append(r.path).append(' ').append(r.access().label()).append('\n'));
        ports.keySet().forEach(k -> text.append(k).append('\n'));
        return text.toString();
    }

    /** {@code start} with these rules in place of its paths and ports. */
    Policy policyOf(Policy start) {
        List<PathRule> paths = new ArrayList<>();
        for (Mutable rule : rules.values()) {
            paths.add(new PathRule(rule.path, rule.access()));
        }
        Policy.Builder builder = start.toBuilder().clearPaths().paths(paths).ignoreMissing(true);
        List<Integer> bind = new ArrayList<>();
        List<Integer> connect = new ArrayList<>();
        for (MutablePort port : ports.values()) {
            (port.right() == NetAccess.BIND_TCP ? bind : connect).add(port.port());
        }
        Policy base = builder.build();
        Policy.Builder withPorts = base.toBuilder();
        withPorts.bindTcp(bind.stream().filter(p -> !base.bindTcp().contains(p)).mapToInt(Integer::intValue)
                .toArray());
        withPorts.connectTcp(connect.stream().filter(p -> !base.connectTcp().contains(p))
                .mapToInt(Integer::intValue).toArray());
        return withPorts.build();
    }

    /** Why a rule grants far more than it seems to, or null. */
    String warning(String path, PathAccess access) {
        RuleJudge.Danger danger = judge.of(path, access);
        return danger == null ? null : danger.text();
    }

    static AccessMode wider(AccessMode a, AccessMode b) {
        if (covers(a, b)) {
            return a;
        }
        if (covers(b, a)) {
            return b;
        }
        return AccessMode.RWX;
    }

    private static boolean covers(AccessMode a, AccessMode b) {
        return a.rightsFor(true).containsAll(b.rightsFor(true));
    }

    private boolean collapsible(String directory) {
        if (NO_COLLAPSE.contains(directory) || directory.startsWith("/proc/") || directory.startsWith("/sys/")
                || directory.startsWith("/dev/")) {
            return false;
        }
        return home == null || !(home.equals(directory) || home.startsWith(directory + "/"));
    }

    /** Files by their library directory, siblings by their directory, and rules beneath a wider one dropped. */
    void collapse() {
        // a file beneath a library or data root: the first directory beneath the root
        for (Mutable rule : List.copyOf(rules.values())) {
            if (rule.directory || rule.mode == AccessMode.RW || rule.mode == AccessMode.RWX) {
                continue;
            }
            for (String root : LIBRARY_ROOTS) {
                if (rule.path.startsWith(root + "/")) {
                    String rest = rule.path.substring(root.length() + 1);
                    int slash = rest.indexOf('/');
                    String top = root + "/" + (slash < 0 ? rest : rest.substring(0, slash));
                    if (!top.equals(rule.path) && Files.isDirectory(Path.of(top))) {
                        replace(List.of(rule), top);
                    }
                    break;
                }
            }
        }
        // three or more files of one directory that need the same mode: the directory
        Map<String, List<Mutable>> siblings = new LinkedHashMap<>();
        for (Mutable rule : rules.values()) {
            if (!rule.directory) {
                siblings.computeIfAbsent(AccessModel.parent(rule.path) + "\0" + rule.mode, k -> new ArrayList<>())
                        .add(rule);
            }
        }
        for (List<Mutable> group : siblings.values()) {
            String directory = AccessModel.parent(group.get(0).path);
            if (group.size() >= Explainer.SIBLINGS && collapsible(directory)) {
                replace(group, directory);
            }
        }
        dropCovered();
    }

    /** Drops the rules beneath a directory rule that already grants them; their reasons go to it. */
    private void dropCovered() {
        List<Mutable> all = new ArrayList<>(rules.values());
        all.sort(Comparator.comparingInt(r -> r.path.length()));
        for (Mutable outer : all) {
            if (!outer.directory || !rules.containsKey(outer.path)) {
                continue;
            }
            for (Mutable inner : List.copyOf(rules.values())) {
                if (inner != outer && (outer.path.equals("/") || inner.path.startsWith(outer.path + "/"))
                        && (inner.listing || !outer.listing && covers(outer.mode, inner.mode))) {
                    rules.remove(inner.path);
                    outer.reasons.addAll(inner.reasons);
                }
            }
        }
    }

    private void replace(List<Mutable> files, String directory) {
        AccessMode mode = files.get(0).mode;
        Set<String> reasons = new LinkedHashSet<>();
        for (Mutable file : files) {
            rules.remove(file.path);
            mode = wider(mode, file.mode);
            reasons.addAll(file.reasons);
        }
        Mutable existing = rules.get(directory);
        if (existing == null) {
            existing = new Mutable(directory, true, mode, false);
            rules.put(directory, existing);
        } else {
            existing.mode = existing.listing ? mode : wider(existing.mode, mode);
            existing.listing = false;
            existing.directory = true;
        }
        existing.reasons.addAll(reasons);
    }
}
