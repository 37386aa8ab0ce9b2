package dev.paddock.core.learn;

import dev.paddock.core.SandboxException;
import dev.paddock.core.landlock.NetAccess;
import dev.paddock.core.launch.LaunchContext;
import dev.paddock.core.launch.LaunchPlan;
import dev.paddock.core.launch.Sandbox;
import dev.paddock.core.lint.Finding;
import dev.paddock.core.lint.LintContext;
import dev.paddock.core.policy.AccessMode;
import dev.paddock.core.policy.EnvVar;
import dev.paddock.core.policy.PathRule;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.profile.ControlCharacters;
import dev.paddock.core.trace.AccessModel;
import dev.paddock.core.trace.Fix;
import dev.paddock.core.trace.Need;
import dev.paddock.core.trace.TraceEntry;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
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
 * <p>{@link #learn} runs every round and accepts every proposed rule ({@code paddock learn}); {@link #begin} gives
 * the same learning one round at a time, for a caller that shows each round's proposal and lets the user untick
 * rules and choose between tight and folder rules (the app's wizard).
 */
public final class ProfileLearner {
    /** The default number of runs. */
    public static final int DEFAULT_ROUNDS = 8;

    private static final Pattern PROCESS_DIRECTORY = Pattern.compile("^/proc/(\\d+|self|thread-self)(/.*)?$");

    /**
     * How to learn.
     *
     * @param rounds       the most runs
     * @param roundTimeout how long one run may last before it is stopped (a server that never exits), or null
     * @param output       where the program's stdout and stderr go: DISCARD, INHERIT, or PIPE to keep the end of
     *                     both in each round's {@link Proposal#output()}
     * @param context      where the program is resolved, or null for the child's own environment (as the library)
     * @param progress     told one line per round, or null
     * @param unconfined   first one traced run with NOTHING restricted (only for programs you trust), whose
     *                     accesses become the rules; then the confined rounds check them
     * @param lint         where the lint judges each proposed rule and the learned profile (its HOME is the home
     *                     folder the rules are judged against), or null for this process
     */
    public record Options(int rounds, Duration roundTimeout, Redirect output, LaunchContext context,
                          Consumer<String> progress, boolean unconfined, LintContext lint) {
        public Options {
            if (rounds < 1) {
                throw new IllegalArgumentException("at least one round is needed, not " + rounds);
            }
            Objects.requireNonNull(output, "output");
        }

        public static Options defaults() {
            return new Options(DEFAULT_ROUNDS, null, Redirect.DISCARD, null, null, false, null);
        }

        public Options withRounds(int value) {
            return new Options(value, roundTimeout, output, context, progress, unconfined, lint);
        }

        public Options withRoundTimeout(Duration value) {
            return new Options(rounds, value, output, context, progress, unconfined, lint);
        }

        public Options withOutput(Redirect value) {
            return new Options(rounds, roundTimeout, value, context, progress, unconfined, lint);
        }

        public Options withContext(LaunchContext value) {
            return new Options(rounds, roundTimeout, output, value, progress, unconfined, lint);
        }

        /** With a first unconfined run: the program runs with nothing restricted. Only for programs you trust. */
        public Options withUnconfinedFirstRun(boolean value) {
            return new Options(rounds, roundTimeout, output, context, progress, value, lint);
        }

        public Options withProgress(Consumer<String> value) {
            return new Options(rounds, roundTimeout, output, context, value, unconfined, lint);
        }

        /** Judged by the lint in this context (its HOME is the home folder the rules are judged against). */
        public Options withLint(LintContext value) {
            return new Options(rounds, roundTimeout, output, context, progress, unconfined, value);
        }
    }

    private final Options options;
    private final Policy start;
    private final RuleJudge judge;
    private final LearnedRules rules;
    private final RoundRunner runner;
    private final List<LearnedProfile.Round> rounds = new ArrayList<>();
    private final List<String> unlearned = new ArrayList<>();
    private final Set<String> unlearnedSeen = new LinkedHashSet<>();
    private boolean unconfinedPending;
    private int confinedRounds;
    private boolean succeeded;
    private String stop;
    /** The round that ran and waits for {@link #accept}, and what its rules would make of the profile. */
    private Proposal pending;
    private LearnedRules pendingTight;
    private LearnedRules pendingFolders;

    private ProfileLearner(Policy start, Options options) {
        this.options = options;
        this.start = start;
        this.judge = new RuleJudge(options.lint() != null ? options.lint() : LintContext.ofProcess(null));
        this.rules = new LearnedRules(judge);
        this.runner = new RoundRunner(options.roundTimeout(), options.output(), options.context());
        this.unconfinedPending = options.unconfined();
    }

    /**
     * The smallest starting policy for {@code command}: {@code base} (its environment, working directory, ports and
     * settings) with read and execute on the program itself and its ELF interpreter, and read on its libraries and
     * the loader's cache, collapsed by their directories; for a {@code #!} script, the same for its interpreter
     * (and for {@code #!/usr/bin/env NAME}, env's and NAME's, NAME found on the child's PATH).
     */
    public static Policy minimalStart(Policy base, LaunchContext context) throws SandboxException {
        Policy probe = base.toBuilder().clearPaths().addExec(false).ldd(false).ignoreMissing(true).build();
        Path executable = LaunchPlan.prepare(probe, context).executable();
        Policy.Builder builder = base.toBuilder().addExec(false).ldd(false);
        StartRules.add(builder, executable, context,
                EnvVar.resolve(base.environment(), System.getenv()).get("PATH"));
        return builder.build();
    }

    /**
     * Where a learning of {@code given} starts, as {@code paddock learn} chooses: its own rules when it has any (with
     * what add-exec and ldd would add written out as rules, so they are learned and collapsed like the rest), else
     * {@link #minimalStart}.
     *
     * @param given   the policy to learn for, with its command
     * @param context where the program is resolved
     * @return the starting policy
     * @throws SandboxException when the program cannot be found or read
     */
    public static Policy startFor(Policy given, LaunchContext context) throws SandboxException {
        if (given.paths().isEmpty() && !given.addExec() && !given.ldd()) {
            return minimalStart(given, context);
        }
        if (!given.addExec() && !given.ldd()) {
            return given;
        }
        Policy minimal = minimalStart(given.toBuilder().clearPaths().build(), context);
        return given.toBuilder().addExec(false).ldd(false).paths(minimal.paths()).build();
    }

    private static String real(Path path) {
        return StartRules.real(path);
    }

    /**
     * Learns a profile for {@code start}'s command, starting from {@code start}'s rules: round after round, each
     * round's folder rules all accepted.
     *
     * @param start   the command and the rules to start from
     * @param options how to learn
     * @return what was learned
     * @throws SandboxException when a round cannot start
     */
    public static LearnedProfile learn(Policy start, Options options) throws SandboxException {
        ProfileLearner learner = begin(start, options);
        while (!learner.finished()) {
            learner.accept(learner.nextRound().folders(), true);
        }
        return learner.result();
    }

    /**
     * A learning one round at a time, for a caller that shows each round's proposal and lets the user choose:
     * {@link #nextRound()} runs the program, {@link #accept} takes the rules the user kept, until
     * {@link #finished()}; then {@link #result()}. The rules of {@code start} are where it begins.
     *
     * @param start   the command and the rules to start from
     * @param options how to learn
     * @return the learning, before its first round
     * @throws IllegalArgumentException when {@code start} has no command, leaves the filesystem unrestricted, or has
     *                                  a rule with rights that are not one of landrun's modes
     */
    public static ProfileLearner begin(Policy start, Options options) {
        if (start.command().isEmpty()) {
            throw new IllegalArgumentException("learning needs a command");
        }
        if (start.unrestrictedFilesystem()) {
            throw new IllegalArgumentException("learning needs a restricted filesystem: the starting policy "
                    + "leaves it unrestricted");
        }
        ProfileLearner learner = new ProfileLearner(start, options);
        for (PathRule rule : start.paths()) {
            String path = real(Path.of(rule.path()));
            if (LearnedRules.isListing(rule.access())) {
                learner.rules.add(path, true, AccessMode.RO, true, "starting profile");
                continue;
            }
            if (!(rule.access() instanceof AccessMode mode)) {
                throw new IllegalArgumentException("learning works with landrun's modes and --list; the rule for "
                        + rule.path() + " names rights");
            }
            learner.rules.add(path, Files.isDirectory(Path.of(path)), mode, "starting profile");
        }
        for (int port : start.bindTcp()) {
            learner.rules.addPort(NetAccess.BIND_TCP, port, "starting profile");
        }
        for (int port : start.connectTcp()) {
            learner.rules.addPort(NetAccess.CONNECT_TCP, port, "starting profile");
        }
        learner.rules.collapse();
        return learner;
    }

    /**
     * Runs the next round (the unconfined one first, when asked for) under the rules learned so far, and proposes the
     * rules that would allow what it was denied. Blocks while the program runs; {@link #cancel()} stops it.
     *
     * @return the round's outcome and proposed rules, to be answered with {@link #accept}
     * @throws SandboxException             when the program cannot be started
     * @throws IllegalStateException        when the learning has finished or the last proposal was not answered
     * @throws CancellationException when the round was cancelled; nothing was learned from it
     */
    public Proposal nextRound() throws SandboxException {
        if (finished()) {
            throw new IllegalStateException("the learning has finished: " + stop);
        }
        if (pending != null) {
            throw new IllegalStateException("round " + pending.round() + " waits for its rules to be accepted");
        }
        runner.reset();
        boolean unconfined = unconfinedPending;
        int number = unconfined ? 0 : confinedRounds + 1;
        Policy policy = unconfined ? start.toBuilder().clearPaths().unrestrictedFilesystem(true)
                .unrestrictedNetwork(true).unrestrictedScopes(true).addExec(false).ldd(false).build()
                : rules.policyOf(start);
        RoundRunner.Outcome outcome = runner.run(policy, unconfined);
        LearnedRules tight = rules.copy();
        List<String> notes = new ArrayList<>();
        if (unconfined) {
            for (TraceEntry entry : outcome.entries()) {
                String reason = "round 0 (unconfined): " + who(entry) + " tried to " + tried(entry);
                for (Need need : entry.access().needs()) {
                    for (Fix fix : fixesFor(need)) {
                        if (unlearnable(entry, fix) == null) {
                            add(tight, fix, reason);
                        }
                    }
                }
            }
        } else {
            for (TraceEntry denial : outcome.denials()) {
                String reason = "round " + number + ": " + who(denial) + " tried to " + tried(denial);
                Fix fix = denial.verdict().fix();
                String why = unlearnable(denial, fix);
                if (why == null) {
                    add(tight, fix, reason);
                } else if (unlearnedSeen.add(fix == null ? denial.access().describe() : why + " " + fix.flag())) {
                    // once per refused fix: the same one for each process's own /proc entry, whose pid changes
                    notes.add(reason + ": " + why);
                }
            }
        }
        LearnedRules folders = tight.copy();
        folders.collapse();
        pendingTight = tight;
        pendingFolders = folders;
        pending = new Proposal(number, unconfined, outcome.exitCode(), outcome.timedOut(),
                unconfined ? outcome.entries().size() : outcome.denials().size(), outcome.output(),
                tight.changesFrom(rules), folders.changesFrom(rules), notes);
        return pending;
    }

    private static void add(LearnedRules into, Fix fix, String reason) {
        if (fix.path() == null) {
            into.addPort(fix.netRight(), fix.port(), reason);
        } else {
            into.add(fix.path(), fix.directory(), fix.mode(), fix.listingOnly(), reason);
        }
    }

    /**
     * Takes the rules the caller kept of the last round's proposal ({@code accepted}, from
     * {@link Proposal#rules(boolean) rules(asFolders)}), and decides whether the learning goes on: it finishes when
     * the round succeeded and nothing changed, when nothing changed, or at the round limit.
     *
     * @param accepted  the rules kept, each one of the proposal's
     * @param asFolders whether they come from the folder rules or the tight rules
     */
    public void accept(Collection<ProposedRule> accepted, boolean asFolders) {
        if (pending == null) {
            throw new IllegalStateException("no round waits for its rules to be accepted");
        }
        Proposal proposal = pending;
        List<ProposedRule> offered = proposal.rules(asFolders);
        if (!offered.containsAll(accepted)) {
            throw new IllegalArgumentException("only rules the last round proposed can be accepted");
        }
        String before = rules.snapshot();
        if (accepted.size() == offered.size()) {
            // all of them: the profile becomes what the proposal was made from, reasons in their order
            LearnedRules all = asFolders ? pendingFolders : pendingTight;
            rules.replaceWith(all);
        } else {
            rules.apply(accepted);
        }
        boolean changed = !rules.snapshot().equals(before);
        List<String> added = accepted.stream().map(ProposedRule::flag).toList();
        pending = null;
        pendingTight = null;
        pendingFolders = null;
        rounds.add(new LearnedProfile.Round(proposal.round(), proposal.exitCode(), proposal.timedOut(),
                proposal.unconfined() ? 0 : proposal.denials(), added));
        unlearned.addAll(proposal.unlearned());
        if (options.progress() != null) {
            options.progress().accept(proposal.unconfined()
                    ? "round 0, unconfined: " + proposal.outcome() + ", " + proposal.denials() + " distinct accesses"
                    : "round " + proposal.round() + ": " + proposal.outcome() + ", " + proposal.denials()
                    + " distinct denial" + (proposal.denials() == 1 ? "" : "s")
                    + (added.isEmpty() ? "" : "; adding " + String.join(" ", added)));
        }
        if (proposal.unconfined()) {
            unconfinedPending = false;
            return;
        }
        confinedRounds++;
        if (proposal.ran() && !changed) {
            // a run that exits 0 despite denials may have done less than it should: it widened, so it runs again
            succeeded = true;
            stop = (proposal.timedOut() ? "the last run lasted until the timeout" : "the last run succeeded")
                    + (proposal.denials() == 0 ? " without a denial" : " with only denials no rule should allow");
        } else if (!changed) {
            stop = "no fix widens the profile further; the last run exited with " + (proposal.timedOut()
                    ? "the timeout" : String.valueOf(proposal.exitCode()));
        } else if (confinedRounds >= options.rounds()) {
            stop = "the round limit (" + options.rounds() + ") was reached before a run succeeded; the last "
                    + "rules added were not tried";
        }
    }

    /** Stops the round that runs now: every process of it ends, and {@link #nextRound()} throws. Any thread. */
    public void cancel() {
        runner.cancel();
    }

    /**
     * Stops the round that runs now as {@link #cancel()} does, and waits until it has ended: every process of it
     * killed and waited for. For a caller about to exit (a shutdown hook), so that nothing of the round outlives it.
     *
     * @param limit how long to wait at most
     * @return whether the round ended within {@code limit} (true when none was running)
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean cancelAndWait(Duration limit) throws InterruptedException {
        return runner.cancelAndWait(limit);
    }

    /**
     * Whether the learning has finished: see {@link #stop()}.
     *
     * @return true once no round is left to run
     */
    public boolean finished() {
        return stop != null;
    }

    /**
     * Why the learning finished.
     *
     * @return the reason in words, or null while the learning goes on
     */
    public String stop() {
        return stop;
    }

    /**
     * The rounds so far.
     *
     * @return each round whose rules were accepted, in order
     */
    public List<LearnedProfile.Round> rounds() {
        return List.copyOf(rounds);
    }

    /**
     * The policy as learned so far.
     *
     * @return the policy the next round runs under
     */
    public Policy policy() {
        return rules.policyOf(start);
    }

    /**
     * What was learned: the rules so far with their reasons and warnings, and each round. Before the learning has
     * finished (a caller that stops early), its stop says after which round.
     *
     * @return the learned profile
     */
    public LearnedProfile result() {
        Policy policy = rules.policyOf(start);
        List<String> warnings = new ArrayList<>();
        List<LearnedProfile.Rule> learned = rules.rules();
        for (LearnedProfile.Rule rule : learned) {
            if (rule.warning() != null) {
                warnings.add(rule.mode().label() + " " + rule.path() + ": " + rule.warning());
            }
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
        List<String> lintErrors = new ArrayList<>();
        for (Finding finding : judge.errors(policy)) {
            lintErrors.add(finding.concern() + ": " + RuleJudge.describe(finding) + ". " + finding.fix());
        }
        String why = stop != null ? stop : "stopped by the user after " + rounds.size() + " round"
                + (rounds.size() == 1 ? "" : "s");
        return new LearnedProfile(policy, learned, rules.ports(), rounds, succeeded, why, unlearned, warnings,
                lintErrors);
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
        return entry.executable() == null ? "a process"
                : ControlCharacters.visible(Path.of(entry.executable()).getFileName().toString());
    }

    /** What a traced process tried, its control characters escaped (the program chooses its paths). */
    private static String tried(TraceEntry entry) {
        return ControlCharacters.visible(entry.access().describe());
    }

    /** Why no lasting rule should allow this denial, or null. */
    private static String unlearnable(TraceEntry denial, Fix fix) {
        if (fix == null) {
            return "no rule on this kernel allows it";
        }
        if (fix.caveat() != null || fix.path() != null && PROCESS_DIRECTORY.matcher(fix.path()).matches()) {
            return "a file of one process in /proc: only a rule on all of /proc would allow it, which the learner "
                    + "does not propose (add " + (fix.caveat() != null ? fix.flag() : "--ro /proc")
                    + " yourself if the program cannot do without it)";
        }
        return null;
    }
}
