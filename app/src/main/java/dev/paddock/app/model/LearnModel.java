package dev.paddock.app.model;

import dev.paddock.core.SandboxException;
import dev.paddock.core.interop.ShellWords;
import dev.paddock.core.launch.LaunchContext;
import dev.paddock.core.learn.LearnedProfile;
import dev.paddock.core.learn.ProfileLearner;
import dev.paddock.core.learn.Proposal;
import dev.paddock.core.learn.ProposedRule;
import dev.paddock.core.profile.PathVariables;
import dev.paddock.core.profile.Profile;
import dev.paddock.core.profile.ProfileException;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;

/**
 * The "Learn a profile" wizard: runs the editor's command confined and traced, one round at a time, off the FX
 * thread; shows each round's proposed rules with their reasons, to be unticked, as tight or folder rules; applies the
 * ticked ones and runs the next round, until the learner stops; then puts the learned rules into the editor as one
 * edit that Undo takes back.
 */
public final class LearnModel {
    /** Where the wizard is. */
    public enum State {
        /** Set up, nothing ran yet. */
        READY,
        /** A round runs. */
        RUNNING,
        /** A round ran: its rules wait for the user. */
        CHOOSING,
        /** A round was cancelled: it can run again. */
        PAUSED,
        /** The learner stopped: the profile can be used. */
        FINISHED,
        /** The learning could not start or go on. */
        FAILED
    }

    /** One proposed rule with its tick. */
    public static final class Choice {
        private final ProposedRule rule;
        private final BooleanProperty accepted;
        private final boolean leftOutBefore;

        Choice(ProposedRule rule, boolean leftOutBefore) {
            this.rule = rule;
            this.leftOutBefore = leftOutBefore;
            // a rule the lint judges an error (write access to ~/.bashrc, ~/.ssh...) waits for the user's tick
            this.accepted = new SimpleBooleanProperty(this, "accepted", !leftOutBefore && !rule.lintError());
        }

        public ProposedRule rule() {
            return rule;
        }

        /**
         * Whether the rule is ticked: applied when the next round runs. A rule the lint judges an error starts
         * unticked, its warning shown.
         */
        public BooleanProperty acceptedProperty() {
            return accepted;
        }

        /** Whether the user left this rule out in an earlier round (then it starts unticked). */
        public boolean leftOutBefore() {
            return leftOutBefore;
        }

        /** Why, in one line: the first reason and how many more. */
        public String reason() {
            List<String> reasons = rule.reasons();
            String first = reasons.isEmpty() ? "" : reasons.get(0);
            return reasons.size() > 1 ? first + " (and " + (reasons.size() - 1) + " more)" : first;
        }
    }

    /** One round that ran, as the round list shows it. */
    public record RoundRow(int number, boolean unconfined, String outcome, int denials, int proposed) {
        /** "Round 2: exit 1, 3 denials, 3 rules proposed". */
        public String summary() {
            return title() + ", " + details();
        }

        /** "Round 2: exit 1", "Round 0 (unconfined): exit 0". */
        public String title() {
            return (unconfined ? "Round 0 (unconfined): " : "Round " + number + ": ") + outcome;
        }

        /** "3 denials, 3 rules proposed". */
        public String details() {
            return denials + (unconfined ? " accesses" : denials == 1 ? " denial" : " denials") + ", " + proposed
                    + (proposed == 1 ? " rule" : " rules") + " proposed";
        }
    }

    private final EditorModel editor;
    private final Profile original;
    private final Path file;
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.READY);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper output = new ReadOnlyStringWrapper(this, "output", "");
    private final BooleanProperty folders = new SimpleBooleanProperty(this, "folders", true);
    private final BooleanProperty fromEditor = new SimpleBooleanProperty(this, "fromEditor", false);
    private final BooleanProperty unconfined = new SimpleBooleanProperty(this, "unconfined", false);
    private final IntegerProperty roundLimit = new SimpleIntegerProperty(this, "roundLimit",
            ProfileLearner.DEFAULT_ROUNDS);
    private final StringProperty timeout = new SimpleStringProperty(this, "timeout", "");
    private final ObservableList<Choice> proposed = FXCollections.observableArrayList();
    private final ObservableList<RoundRow> rounds = FXCollections.observableArrayList();
    private final Set<String> leftOut = new HashSet<>();
    private final BooleanBinding canUse;
    private volatile ProfileLearner learner;
    private Proposal proposal;

    /** A wizard for the profile in {@code editor} now; "Use this profile" puts the result back into it. */
    public LearnModel(EditorModel editor) {
        this.editor = editor;
        this.original = editor.profileProperty().get();
        this.file = editor.fileProperty().get();
        status.set(whyNot() != null ? "Cannot learn: " + whyNot() + "." : "Learning runs " + command()
                + " confined and traced, round after round: each round proposes the rules that would allow what was"
                + " denied.");
        folders.addListener((obs, old, now) -> showProposal());
        canUse = Bindings.createBooleanBinding(() -> !rounds.isEmpty()
                && state.get() != State.RUNNING, rounds, state);
    }

    private String whyNot() {
        if (original == null) {
            return "the profile is not valid: " + editor.problemProperty().get();
        }
        if (original.policy().command().isEmpty()) {
            return "the profile has no command: set a program in the Command section";
        }
        return null;
    }

    /** The command that learning runs, as one line a shell would read back. */
    public String command() {
        return original == null ? "" : ShellWords.join(original.policy().command());
    }

    // Commands

    /** Starts learning: the first round runs. */
    public void start() {
        if (state.get() != State.READY && state.get() != State.FAILED) {
            return;
        }
        if (whyNot() != null) {
            fail(whyNot());
            return;
        }
        Duration roundTimeout;
        try {
            roundTimeout = timeout();
        } catch (IllegalArgumentException e) {
            fail(e.getMessage());
            return;
        }
        rounds.clear();
        proposed.clear();
        leftOut.clear();
        ProfileLearner.Options options = ProfileLearner.Options.defaults().withRounds(Math.max(1, roundLimit.get()))
                .withRoundTimeout(roundTimeout).withOutput(Redirect.PIPE).withUnconfinedFirstRun(unconfined.get());
        boolean own = fromEditor.get();
        runInBackground(() -> {
            var policy = PathVariables.ofProcess(file).expand(original.policy());
            if (!own) {
                policy = policy.toBuilder().clearPaths().addExec(false).ldd(false).build();
            }
            LaunchContext context = LaunchContext.forChild(policy);
            ProfileLearner begun = ProfileLearner.begin(ProfileLearner.startFor(policy, context),
                    options.withContext(context));
            learner = begun;
            return begun.nextRound();
        });
    }

    private Duration timeout() {
        String text = timeout.get().strip();
        if (text.isEmpty()) {
            return null;
        }
        try {
            double seconds = Double.parseDouble(text);
            if (seconds > 0 && seconds <= 86400) {
                return Duration.ofMillis((long) (seconds * 1000));
            }
        } catch (NumberFormatException e) {
            // the sentence below
        }
        throw new IllegalArgumentException("the round timeout takes seconds (more than 0, at most 86400), not \""
                + text + "\"");
    }

    /** Applies the ticked rules and runs the next round; after a cancelled round, runs it again. */
    public void next() {
        if (state.get() == State.PAUSED) {
            runInBackground(learner::nextRound);
            return;
        }
        if (state.get() != State.CHOOSING) {
            return;
        }
        acceptTicked();
        if (learner.finished()) {
            finish();
        } else {
            runInBackground(learner::nextRound);
        }
    }

    private void acceptTicked() {
        List<ProposedRule> ticked = proposed.stream().filter(c -> c.acceptedProperty().get()).map(Choice::rule)
                .toList();
        proposed.stream().filter(c -> !c.acceptedProperty().get()).forEach(c -> leftOut.add(c.rule().flag()));
        learner.accept(ticked, folders.get());
        proposal = null;
        proposed.clear();
    }

    /** Stops the round that runs: every process of it ends, and nothing is learned from it. */
    public void cancel() {
        if (state.get() == State.RUNNING && learner != null) {
            learner.cancel();
        }
    }

    /**
     * Puts what was learned into the editor, with the rules ticked now, as one edit (Undo takes it back); the
     * profile's command, environment and settings stay. Returns false when nothing was learned yet.
     */
    public boolean use() {
        if (!canUse()) {
            return false;
        }
        if (state.get() == State.CHOOSING) {
            acceptTicked();
        }
        LearnedProfile result = learner.result();
        String home = System.getenv("HOME");
        String pwd = Path.of("").toAbsolutePath().toString(); // what the app expands ${PWD} to
        Profile learned = result.profile(original.name(), home, pwd);
        var policy = original.policy().toBuilder().clearPaths().paths(learned.policy().paths()).addExec(false)
                .ldd(false).ignoreMissing(true);
        learned.policy().bindTcp().forEach(policy::bindTcp);
        learned.policy().connectTcp().forEach(policy::connectTcp);
        String description = original.description().isBlank() ? learned.description() : original.description();
        editor.replace(new Profile(original.name(), description, learned.notes(), policy.build()));
        status.set("The learned profile is in the editor (" + learned.policy().paths().size() + " path rules); "
                + "Undo takes it back.");
        return true;
    }

    /** Whether "Use this profile" can be taken: a round ran, and none runs now. */
    public boolean canUse() {
        return canUse.get();
    }

    public ObservableBooleanValue canUseProperty() {
        return canUse;
    }

    // What happens off the FX thread

    private interface Round {
        Proposal run() throws SandboxException, ProfileException;
    }

    private void runInBackground(Round round) {
        state.set(State.RUNNING);
        status.set(unconfined.get() && rounds.isEmpty() ? "The unconfined run (nothing restricted) of "
                + command() + " is running…" : "Round " + (rounds.size() + (unconfined.get() ? 0 : 1)) + ": "
                + command() + " is running, confined and traced…");
        Thread thread = new Thread(() -> {
            try {
                Proposal result = round.run();
                Platform.runLater(() -> arrived(result));
            } catch (CancellationException e) {
                Platform.runLater(this::cancelled);
            } catch (SandboxException | ProfileException | IllegalArgumentException | IllegalStateException e) {
                Platform.runLater(() -> fail(e.getMessage()));
            }
        }, "paddock-learn");
        thread.setDaemon(true);
        thread.start();
    }

    private void arrived(Proposal result) {
        proposal = result;
        output.set(result.output());
        rounds.add(new RoundRow(result.round(), result.unconfined(), result.outcome(), result.denials(),
                result.rules(folders.get()).size()));
        if (result.tight().isEmpty() && result.folders().isEmpty()) {
            // nothing to choose: the learner decides at once whether it is done
            state.set(State.CHOOSING);
            next();
            return;
        }
        state.set(State.CHOOSING);
        showProposal();
        status.set(rounds.get(rounds.size() - 1).summary() + ". Untick what the program should not get, then run "
                + "the next round.");
    }

    private void showProposal() {
        if (proposal == null) {
            return;
        }
        Set<String> unticked = new HashSet<>();
        proposed.stream().filter(c -> !c.acceptedProperty().get()).forEach(c -> unticked.add(c.rule().flag()));
        proposed.setAll(proposal.rules(folders.get()).stream().map(rule -> {
            Choice choice = new Choice(rule, leftOut.contains(rule.flag()));
            if (unticked.contains(rule.flag())) {
                choice.acceptedProperty().set(false);
            }
            return choice;
        }).toList());
    }

    private void cancelled() {
        state.set(learner == null ? State.READY : State.PAUSED);
        status.set("The round was cancelled and its processes ended; nothing was learned from it.");
    }

    private void finish() {
        LearnedProfile result = learner.result();
        state.set(State.FINISHED);
        status.set((result.succeeded() ? "Done: " : "Stopped: ") + result.stop() + ". "
                + result.policy().paths().size() + " path rules learned.");
    }

    private void fail(String why) {
        state.set(State.FAILED);
        status.set("Cannot learn: " + why);
    }

    // Properties

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** Where the learning is, in a sentence or two. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The end of what the last round's program printed. */
    public ReadOnlyStringProperty outputProperty() {
        return output.getReadOnlyProperty();
    }

    /** Folder rules (the learner's collapsing) or tight rules (one per file). */
    public BooleanProperty foldersProperty() {
        return folders;
    }

    /** Start from the editor's rules; else from only the program and its libraries. */
    public BooleanProperty fromEditorProperty() {
        return fromEditor;
    }

    /**
     * A first run with NOTHING restricted, whose accesses become the rules: only for programs the user trusts, and
     * only after the view has warned them.
     */
    public BooleanProperty unconfinedProperty() {
        return unconfined;
    }

    public IntegerProperty roundLimitProperty() {
        return roundLimit;
    }

    /** Seconds after which a round stops (for servers), or "" for none. */
    public StringProperty timeoutProperty() {
        return timeout;
    }

    /** The last round's proposed rules, each with its tick. */
    public ObservableList<Choice> proposed() {
        return proposed;
    }

    public ObservableList<RoundRow> rounds() {
        return rounds;
    }
}
