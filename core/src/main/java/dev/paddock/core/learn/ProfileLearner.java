package dev.paddock.core.learn;

import dev.paddock.core.SandboxException;
import dev.paddock.core.elf.SharedLibraries;
import dev.paddock.core.landlock.NetAccess;
import dev.paddock.core.launch.LaunchContext;
import dev.paddock.core.launch.LaunchPlan;
import dev.paddock.core.launch.Sandbox;
import dev.paddock.core.launch.SandboxedCommand;
import dev.paddock.core.launch.SandboxedProcess;
import dev.paddock.core.policy.AccessMode;
import dev.paddock.core.policy.PathAccess;
import dev.paddock.core.policy.PathRule;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.profile.Profile;
import dev.paddock.core.trace.AccessModel;
import dev.paddock.core.trace.Explainer;
import dev.paddock.core.trace.Fix;
import dev.paddock.core.trace.Need;
import dev.paddock.core.trace.Trace;
import dev.paddock.core.trace.TraceEntry;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Learns a profile for a program, confined: runs it under a starting policy, traced; turns the denials into the
 * smallest fixes ({@link Fix}); widens the policy by them and runs again, until a run succeeds (exit 0, or, with a
 * round timeout, a run that lasts until the timeout without a denial), nothing changes any more, or the round limit
 * is reached. Every run is confined: the program can only ever do what the rules of its round allow.
 *
 * <p>Paths are collapsed as a person would write them: a file under a library or data root ({@code /usr/lib},
 * {@code /usr/share}...) by its directory there ({@code /usr/lib/x86_64-linux-gnu}, {@code /usr/lib/python3.11}),
 * and three or more files of one directory that need the same mode by the directory, except in {@code /},
 * {@code /etc}, {@code /dev}, {@code /proc}, {@code /sys}, {@code /tmp}, the home folder and the folders above it.
 * Rules that grant far more than they seem to are kept only with a warning ({@link LearnedProfile.Rule#warning()}).
 *
 * <p>Used by {@code paddock learn}; the app can use it the same way.
 */
public final class ProfileLearner {
    /** The default number of runs. */
    public static final int DEFAULT_ROUNDS = 8;

    /** Where a file's rule becomes its directory's at once: the first directory beneath one of these. */
    private static final List<String> LIBRARY_ROOTS = List.of("/usr/lib", "/usr/lib32", "/usr/lib64",
            "/usr/libexec", "/usr/share", "/usr/local/lib", "/usr/local/share", "/opt");

    /** Directories never proposed in place of their files. */
    private static final Set<String> NO_COLLAPSE = Set.of("/", "/etc", "/dev", "/proc", "/sys", "/tmp", "/var",
            "/var/tmp", "/run", "/home", "/root", "/usr", "/dev/shm", "/mnt", "/media", "/srv");

    private static final Pattern PROCESS_DIRECTORY = Pattern.compile("^/proc/(\\d+|self|thread-self)(/.*)?$");

    /**
     * How to learn.
     *
     * @param rounds       the most runs
     * @param roundTimeout how long one run may last before it is stopped (a server that never exits), or null
     * @param output       where the program's stdout and stderr go (DISCARD or INHERIT)
     * @param context      where the program is resolved, or null for the child's own environment (as the library)
     * @param progress     told one line per round, or null
     * @param unconfined   first one traced run with NOTHING restricted (only for programs you trust), whose
     *                     accesses become the rules; then the confined rounds check them
     */
    public record Options(int rounds, Duration roundTimeout, Redirect output, LaunchContext context,
                          Consumer<String> progress, boolean unconfined) {
        public Options {
            if (rounds < 1) {
                throw new IllegalArgumentException("at least one round is needed, not " + rounds);
            }
            Objects.requireNonNull(output, "output");
        }

        public static Options defaults() {
            return new Options(DEFAULT_ROUNDS, null, Redirect.DISCARD, null, null, false);
        }

        public Options withRounds(int value) {
            return new Options(value, roundTimeout, output, context, progress, unconfined);
        }

        public Options withRoundTimeout(Duration value) {
            return new Options(rounds, value, output, context, progress, unconfined);
        }

        public Options withOutput(Redirect value) {
            return new Options(rounds, roundTimeout, value, context, progress, unconfined);
        }

        public Options withContext(LaunchContext value) {
            return new Options(rounds, roundTimeout, output, value, progress, unconfined);
        }

        /** With a first unconfined run: the program runs with nothing restricted. Only for programs you trust. */
        public Options withUnconfinedFirstRun(boolean value) {
            return new Options(rounds, roundTimeout, output, context, progress, value);
        }

        public Options withProgress(Consumer<String> value) {
            return new Options(rounds, roundTimeout, output, context, value, unconfined);
        }
    }

    private final Options options;
    private final String home;
    private final Map<String, Mutable> rules = new TreeMap<>();
    private final Map<String, MutablePort> ports = new TreeMap<>();

    private static final class Mutable {
        String path;
        boolean directory;
        AccessMode mode;
        final Set<String> reasons = new LinkedHashSet<>();

        Mutable(String path, boolean directory, AccessMode mode) {
            this.path = path;
            this.directory = directory;
            this.mode = mode;
        }
    }

    private record MutablePort(NetAccess right, int port, Set<String> reasons) {
    }

    private ProfileLearner(Options options) {
        this.options = options;
        String h = System.getenv("HOME");
        this.home = h == null || h.isEmpty() ? null : h;
    }

    /**
     * The smallest starting policy for {@code command}: {@code base} (its environment, working directory, ports and
     * settings) with read and execute on the program itself and its ELF interpreter, and read on its libraries and
     * the loader's cache, collapsed by their directories.
     */
    public static Policy minimalStart(Policy base, LaunchContext context) throws SandboxException {
        Policy probe = base.toBuilder().clearPaths().addExec(false).ldd(false).ignoreMissing(true).build();
        Path executable = LaunchPlan.prepare(probe, context).executable();
        Policy.Builder builder = base.toBuilder().addExec(false).ldd(false);
        builder.path(real(executable), AccessMode.ROX);
        SharedLibraries libraries;
        try {
            libraries = SharedLibraries.of(executable, context.ldLibraryPath());
        } catch (SandboxException e) {
            // not an ELF program (a script): its interpreter is learned like the rest
            return builder.build();
        }
        if (libraries.interpreter() != null) {
            builder.path(real(libraries.interpreter()), AccessMode.ROX);
        }
        for (Path library : libraries.libraries()) {
            builder.path(real(library), AccessMode.RO);
        }
        if (libraries.cache() != null) {
            builder.path(real(libraries.cache()), AccessMode.RO);
        }
        return builder.build();
    }

    private static String real(Path path) {
        try {
            return path.toRealPath().toString();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize().toString();
        }
    }

    /** Learns a profile for {@code start}'s command, starting from {@code start}'s rules. */
    public static LearnedProfile learn(Policy start, Options options) throws SandboxException {
        if (start.command().isEmpty()) {
            throw new IllegalArgumentException("learning needs a command");
        }
        if (start.unrestrictedFilesystem()) {
            throw new IllegalArgumentException("learning needs a restricted filesystem: the starting policy "
                    + "leaves it unrestricted");
        }
        return new ProfileLearner(options).run(start);
    }

    private LearnedProfile run(Policy start) throws SandboxException {
        for (PathRule rule : start.paths()) {
            if (!(rule.access() instanceof AccessMode mode)) {
                throw new IllegalArgumentException("learning works with landrun's modes; the rule for "
                        + rule.path() + " names rights");
            }
            String path = real(Path.of(rule.path()));
            add(path, Files.isDirectory(Path.of(path)), mode, "starting profile");
        }
        for (int port : start.bindTcp()) {
            addPort(NetAccess.BIND_TCP, port, "starting profile");
        }
        for (int port : start.connectTcp()) {
            addPort(NetAccess.CONNECT_TCP, port, "starting profile");
        }
        collapse();
        List<LearnedProfile.Round> rounds = new ArrayList<>();
        if (options.unconfined()) {
            rounds.add(unconfinedRun(start));
            collapse();
        }
        List<String> unlearned = new ArrayList<>();
        Set<String> unlearnedSeen = new LinkedHashSet<>();
        boolean succeeded = false;
        String stop = null;
        Policy policy = policyOf(start);
        for (int number = 1; number <= options.rounds(); number++) {
            policy = policyOf(start);
            RunOutcome outcome = runOnce(policy);
            List<String> added = new ArrayList<>();
            String before = snapshot();
            boolean ran = outcome.exitCode == 0 || outcome.timedOut;
            for (TraceEntry denial : outcome.denials) {
                String reason = "round " + number + ": " + who(denial) + " tried to " + denial.access().describe();
                Fix fix = denial.verdict().fix();
                String why = unlearnable(denial, fix);
                if (why != null) {
                    if (unlearnedSeen.add(denial.access().describe())) {
                        unlearned.add(reason + ": " + why);
                    }
                    continue;
                }
                if (fix.path() == null) {
                    if (addPort(fix.netRight(), fix.port(), reason)) {
                        added.add(fix.flag());
                    }
                } else if (add(fix.path(), fix.directory(), fix.mode(), reason)) {
                    added.add(fix.flag());
                }
            }
            collapse();
            boolean changed = !snapshot().equals(before);
            // a run that exits 0 despite denials may have done less than it should: widen and run again
            boolean ok = ran && !changed;
            LearnedProfile.Round round = new LearnedProfile.Round(number, outcome.exitCode, outcome.timedOut, outcome.denials.size(), added);
            rounds.add(round);
            if (options.progress() != null) {
                options.progress().accept("round " + number + ": " + (outcome.timedOut ? "stopped at the timeout"
                        : "exit " + outcome.exitCode) + ", " + outcome.denials.size() + " distinct denial"
                        + (outcome.denials.size() == 1 ? "" : "s") + (added.isEmpty() ? ""
                        : "; adding " + String.join(" ", added)));
            }
            if (ok) {
                succeeded = true;
                stop = (outcome.timedOut ? "the last run lasted until the timeout" : "the last run succeeded")
                        + (outcome.denials.isEmpty() ? " without a denial" : " with only denials no rule should allow");
                break;
            }
            if (!changed) {
                stop = "no fix widens the profile further; the last run exited with " + (outcome.timedOut
                        ? "the timeout" : String.valueOf(outcome.exitCode));
                break;
            }
            if (number == options.rounds()) {
                policy = policyOf(start);
                stop = "the round limit (" + options.rounds() + ") was reached before a run succeeded; the last "
                        + "rules added were not tried";
            }
        }
        List<String> warnings = new ArrayList<>();
        List<LearnedProfile.Rule> learned = new ArrayList<>();
        for (Mutable rule : rules.values()) {
            String warning = danger(rule.path, rule.mode);
            if (warning != null) {
                warnings.add(rule.mode.label() + " " + rule.path + ": " + warning);
            }
            learned.add(new LearnedProfile.Rule(rule.path, rule.directory, rule.mode, List.copyOf(rule.reasons), warning));
        }
        try {
            for (String warning : Sandbox.of(policy).preview().report().warnings()) {
                if (!warnings.contains(warning)) {
                    warnings.add(warning);
                }
            }
        } catch (SandboxException e) {
            warnings.add("the learned policy does not compile here: " + e.getMessage());
        }
        List<LearnedProfile.Port> learnedPorts = ports.values().stream()
                .map(p -> new LearnedProfile.Port(p.right(), p.port(), List.copyOf(p.reasons()))).toList();
        return new LearnedProfile(policy, learned, learnedPorts, rounds, succeeded, stop, unlearned, warnings);
    }

    /** LearnedProfile.Round 0: nothing restricted, traced; every access it made becomes the smallest rule that allows it. */
    private LearnedProfile.Round unconfinedRun(Policy start) throws SandboxException {
        Policy open = start.toBuilder().clearPaths().unrestrictedFilesystem(true).unrestrictedNetwork(true)
                .unrestrictedScopes(true).addExec(false).ldd(false).build();
        RunOutcome outcome = runOnce(open, true);
        List<String> added = new ArrayList<>();
        for (TraceEntry entry : outcome.entries) {
            String reason = "round 0 (unconfined): " + who(entry) + " tried to " + entry.access().describe();
            for (Need need : entry.access().needs()) {
                for (Fix fix : fixesFor(need)) {
                    if (unlearnable(entry, fix) != null) {
                        continue;
                    }
                    boolean changed = fix.path() == null ? addPort(fix.netRight(), fix.port(), reason)
                            : add(fix.path(), fix.directory(), fix.mode(), reason);
                    if (changed) {
                        added.add(fix.flag());
                    }
                }
            }
        }
        if (options.progress() != null) {
            options.progress().accept("round 0, unconfined: " + (outcome.timedOut ? "stopped at the timeout"
                    : "exit " + outcome.exitCode) + ", " + outcome.entries.size() + " distinct accesses");
        }
        return new LearnedProfile.Round(0, outcome.exitCode, outcome.timedOut, 0, added);
    }

    /** The smallest rules that grant one need (none for what Landlock does not check). */
    private static List<Fix> fixesFor(Need need) {
        List<Fix> fixes = new ArrayList<>();
        if (need instanceof Need.OnPath onPath) {
            if (onPath.rights().isEmpty()) {
                return fixes;
            }
            Fix fix;
            if (onPath.role() == Need.Role.NEW_OBJECT) {
                fix = Fix.onDirectory(AccessModel.parent(onPath.path()), onPath.rights());
            } else if (onPath.directory()) {
                fix = Fix.onDirectory(onPath.path(), onPath.rights());
            } else {
                fix = Fix.onFile(onPath.path(), onPath.rights());
            }
            if (fix != null) {
                fixes.add(fix);
            }
        } else if (need instanceof Need.Refer refer) {
            fixes.add(new Fix(AccessModel.parent(refer.from()), true, AccessMode.RW, null, -1));
            fixes.add(new Fix(AccessModel.parent(refer.to()), true, AccessMode.RW, null, -1));
        } else if (need instanceof Need.OnPort onPort) {
            fixes.add(Fix.onPort(onPort.right(), onPort.port()));
        }
        return fixes;
    }

    private static String who(TraceEntry entry) {
        return entry.executable() == null ? "a process" : Path.of(entry.executable()).getFileName().toString();
    }

    /** Why no lasting rule should allow this denial, or null. */
    private static String unlearnable(TraceEntry denial, Fix fix) {
        if (fix == null) {
            return "no rule on this kernel allows it";
        }
        if (fix.path() != null && PROCESS_DIRECTORY.matcher(fix.path()).matches()) {
            return "a file of one process in /proc: only a rule on all of /proc would allow it, which the learner "
                    + "does not propose (add --ro /proc yourself if the program cannot do without it)";
        }
        return null;
    }

    /** Why a rule grants far more than it seems to, or null. */
    String danger(String path, AccessMode mode) {
        if (path.equals("/")) {
            return "it covers the whole filesystem";
        }
        for (String area : List.of("/proc", "/sys", "/dev")) {
            if (path.equals(area)) {
                return "it covers all of " + area;
            }
        }
        if (home != null && (mode == AccessMode.RW || mode == AccessMode.RWX)
                && (home.equals(path) || home.startsWith(path + "/"))) {
            return "it lets the program change everything in your home folder";
        }
        if (home != null && home.equals(path)) {
            return "it lets the program read everything in your home folder";
        }
        return null;
    }

    private record RunOutcome(int exitCode, boolean timedOut, List<TraceEntry> denials, List<TraceEntry> entries) {
    }

    private RunOutcome runOnce(Policy policy) throws SandboxException {
        return runOnce(policy, false);
    }

    private RunOutcome runOnce(Policy policy, boolean unconfined) throws SandboxException {
        Sandbox sandbox = unconfined ? Sandbox.of(policy).allowingUnsandboxed() : Sandbox.of(policy);
        SandboxedCommand command = sandbox.command(policy.command())
                .redirectInput(Redirect.from(new File("/dev/null")))
                .redirectOutput(options.output()).redirectError(options.output()).trace();
        if (options.context() != null) {
            command.context(options.context());
        }
        SandboxedProcess process;
        try {
            process = command.start();
        } catch (SandboxException e) {
            throw e;
        } catch (IOException e) {
            throw new SandboxException(SandboxException.Reason.SPAWN_FAILED, e.getMessage(), e);
        }
        boolean timedOut = false;
        int code;
        try {
            if (options.roundTimeout() == null) {
                code = process.waitFor();
            } else if (process.waitFor(options.roundTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                code = process.exitValue();
            } else {
                timedOut = true;
                process.destroyForcibly();
                process.waitFor();
                code = -1;
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new SandboxException(SandboxException.Reason.SPAWN_FAILED, "interrupted while learning", e);
        }
        Trace trace = process.trace().orElseThrow();
        try {
            trace.awaitEnd(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<TraceEntry> entries = trace.entries();
        trace.close();
        return new RunOutcome(code, timedOut, entries.stream().filter(e -> e.verdict().denied()).toList(), entries);
    }

    private Policy policyOf(Policy start) {
        List<PathRule> paths = new ArrayList<>();
        for (Mutable rule : rules.values()) {
            paths.add(new PathRule(rule.path, rule.mode));
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

    private String snapshot() {
        StringBuilder text = new StringBuilder();
        rules.values().forEach(r -> text.append(r.path).append(' ').append(r.mode).append('\n'));
        ports.keySet().forEach(k -> text.append(k).append('\n'));
        return text.toString();
    }

    private boolean addPort(NetAccess right, int port, String reason) {
        String key = right + " " + port;
        MutablePort existing = ports.get(key);
        if (existing != null) {
            existing.reasons().add(reason);
            return false;
        }
        MutablePort created = new MutablePort(right, port, new LinkedHashSet<>());
        created.reasons().add(reason);
        ports.put(key, created);
        return true;
    }

    /** Adds a rule (or widens one); returns whether anything changed. */
    private boolean add(String path, boolean directory, AccessMode mode, String reason) {
        Mutable existing = rules.get(path);
        if (existing == null) {
            Mutable rule = new Mutable(path, directory, mode);
            rule.reasons.add(reason);
            rules.put(path, rule);
            return true;
        }
        existing.reasons.add(reason);
        AccessMode wider = wider(existing.mode, mode);
        boolean changed = wider != existing.mode || directory && !existing.directory;
        existing.mode = wider;
        existing.directory |= directory;
        return changed;
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
    private void collapse() {
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
                        replace(List.of(rule), top, rule.path + " lies in it");
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
                replace(group, directory, group.size() + " files in it");
            }
        }
        // rules beneath a directory rule that already grants them
        List<Mutable> all = new ArrayList<>(rules.values());
        all.sort(Comparator.comparingInt(r -> r.path.length()));
        for (Mutable outer : all) {
            if (!outer.directory || !rules.containsKey(outer.path)) {
                continue;
            }
            for (Mutable inner : List.copyOf(rules.values())) {
                if (inner != outer && (outer.path.equals("/") || inner.path.startsWith(outer.path + "/"))
                        && covers(outer.mode, inner.mode)) {
                    rules.remove(inner.path);
                    outer.reasons.addAll(inner.reasons);
                }
            }
        }
    }

    private void replace(List<Mutable> files, String directory, String why) {
        AccessMode mode = files.get(0).mode;
        Set<String> reasons = new LinkedHashSet<>();
        for (Mutable file : files) {
            rules.remove(file.path);
            mode = wider(mode, file.mode);
            reasons.addAll(file.reasons);
        }
        Mutable existing = rules.get(directory);
        if (existing == null) {
            existing = new Mutable(directory, true, mode);
            rules.put(directory, existing);
        } else {
            existing.mode = wider(existing.mode, mode);
            existing.directory = true;
        }
        existing.reasons.addAll(reasons);
    }
}
