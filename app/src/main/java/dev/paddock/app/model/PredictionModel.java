package dev.paddock.app.model;

import dev.paddock.core.SandboxException;
import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.landlock.LandlockSupport;
import dev.paddock.core.landlock.PlannedPathRule;
import dev.paddock.core.landlock.RulesetPlan;
import dev.paddock.core.landlock.SyscallPreview;
import dev.paddock.core.launch.LaunchContext;
import dev.paddock.core.launch.LaunchPlan;
import dev.paddock.core.policy.CompiledPolicy;
import dev.paddock.core.policy.EnforcementReport;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.profile.PathVariables;
import dev.paddock.core.profile.Profile;
import dev.paddock.core.profile.ProfileException;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.nio.file.Path;
import java.util.List;

/**
 * What the profile in the editor means on this kernel: the enforcement prediction, the exact system calls, and the
 * rules add-exec and ldd add. {@link #compute} prepares a launch as a run would (variables expanded, the program
 * resolved, its ELF headers read) on any thread; {@link #show} publishes the result, on the FX thread (see
 * {@link InsightModel}).
 */
public final class PredictionModel {

    /** One profile's prediction, or the problem that stops it (then everything else is null or empty). */
    record Result(Prediction prediction, EnforcementReport report, RulesetPlan plan, String syscalls,
                  String addedRules, String problem) {

        static Result problem(String problem) {
            return new Result(null, null, null, "", "", problem);
        }
    }

    private final ReadOnlyObjectWrapper<EnforcementReport> report = new ReadOnlyObjectWrapper<>(this, "report");
    private final ReadOnlyObjectWrapper<Prediction> prediction = new ReadOnlyObjectWrapper<>(this, "prediction");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyObjectWrapper<RulesetPlan> plan = new ReadOnlyObjectWrapper<>(this, "plan");
    private final ReadOnlyStringWrapper syscalls = new ReadOnlyStringWrapper(this, "syscalls", "");
    private final ReadOnlyStringWrapper addedRules = new ReadOnlyStringWrapper(this, "addedRules", "");

    PredictionModel() {
    }

    /** The prediction of a profile saved at {@code file} (null: not saved yet) on this kernel; any thread. */
    static Result compute(Profile profile, Path file, LandlockSupport support) {
        try {
            CompiledPolicy compiled = compile(profile, file, support);
            return new Result(Prediction.of(compiled, System.getenv()), compiled.report(), compiled.plan(),
                    String.join("\n", SyscallPreview.lines(compiled.plan(), compiled.seccomp())) + "\n",
                    describeAdded(compiled.plan()), "");
        } catch (ProfileException | SandboxException e) {
            return Result.problem(e.getMessage());
        }
    }

    /** Compiles a profile for this kernel, as a run would (variables expanded, add-exec and ldd resolved). */
    static CompiledPolicy compile(Profile profile, Path file, LandlockSupport support)
            throws ProfileException, SandboxException {
        Policy policy = PathVariables.ofProcess(file).expand(profile.policy());
        LaunchContext child = LaunchContext.forChild(policy);
        return LaunchPlan.prepare(policy, new LaunchContext(child.searchPath(), child.directory(),
                child.ldLibraryPath(), support)).compiled();
    }

    /** "add-exec and ldd add 3 rules: /usr/bin/ls (rox), ...", or "" when they add none. */
    static String describeAdded(RulesetPlan plan) {
        List<PlannedPathRule> extra = plan.pathRules().stream()
                .filter(rule -> rule.origin() == PlannedPathRule.Origin.ADD_EXEC
                        || rule.origin() == PlannedPathRule.Origin.LDD).toList();
        if (extra.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("add-exec and ldd add " + extra.size() + " rules: ");
        for (int i = 0; i < Math.min(extra.size(), 6); i++) {
            PlannedPathRule rule = extra.get(i);
            text.append(i > 0 ? ", " : "").append(rule.path())
                    .append(rule.rights().contains(FsAccess.EXECUTE) ? " (rox)" : " (ro)");
        }
        return text.append(extra.size() > 6 ? ", …" : "").toString();
    }

    /** Shows a result. */
    void show(Result result) {
        prediction.set(result.prediction());
        report.set(result.report());
        plan.set(result.plan());
        syscalls.set(result.syscalls());
        addedRules.set(result.addedRules());
        problem.set(result.problem());
    }

    /** The kernel's report, or null when the profile cannot be compiled (see {@link #problemProperty()}). */
    public ReadOnlyObjectProperty<EnforcementReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    /** The prediction as the window tells it, or null when there is none (see {@link #problemProperty()}). */
    public ReadOnlyObjectProperty<Prediction> predictionProperty() {
        return prediction.getReadOnlyProperty();
    }

    /** The ruleset a run would make now, or null. */
    public ReadOnlyObjectProperty<RulesetPlan> planProperty() {
        return plan.getReadOnlyProperty();
    }

    /** Why there is no prediction, or "". */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The system calls a run would make, one per line, or "". */
    public ReadOnlyStringProperty syscallsProperty() {
        return syscalls.getReadOnlyProperty();
    }

    /** The rules add-exec and ldd add, in a sentence, or "". */
    public ReadOnlyStringProperty addedRulesProperty() {
        return addedRules.getReadOnlyProperty();
    }
}
