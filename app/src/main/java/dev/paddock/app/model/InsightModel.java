package dev.paddock.app.model;

import dev.paddock.core.SandboxException;
import dev.paddock.core.interop.DesktopEntryExporter;
import dev.paddock.core.interop.Export;
import dev.paddock.core.interop.LandlockConfigExporter;
import dev.paddock.core.interop.LandrunExporter;
import dev.paddock.core.interop.SandboxerExporter;
import dev.paddock.core.interop.SystemdUnitExporter;
import dev.paddock.core.landlock.LandlockSupport;
import dev.paddock.core.launch.LaunchContext;
import dev.paddock.core.launch.LaunchPlan;
import dev.paddock.core.policy.CompiledPolicy;
import dev.paddock.core.policy.EnforcementReport;
import dev.paddock.core.policy.EnvVar;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.landlock.RulesetPlan;
import dev.paddock.core.landlock.SyscallPreview;
import dev.paddock.core.profile.PathVariables;
import dev.paddock.core.profile.Profile;
import dev.paddock.core.profile.ProfileException;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the profile in the editor means on this kernel, kept up to date as it changes: the enforcement prediction,
 * the exact system calls, and every export format with its warnings.
 */
public final class InsightModel {

    /** The export formats, in the order the export pane shows them. */
    public enum Format {
        LANDRUN("landrun"), LANDLOCKCONFIG("landlockconfig"), SANDBOXER("sandboxer"), SYSTEMD("systemd"),
        DESKTOP("desktop entry");

        private final String label;

        Format(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final LandlockSupport support;
    /** How menu entries and units start Paddock; it does not change while the app runs. */
    private final List<String> paddock;
    private final ReadOnlyObjectWrapper<EnforcementReport> report = new ReadOnlyObjectWrapper<>(this, "report");
    private final ReadOnlyObjectWrapper<Prediction> prediction = new ReadOnlyObjectWrapper<>(this, "prediction");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyObjectWrapper<RulesetPlan> plan = new ReadOnlyObjectWrapper<>(this, "plan");
    private final ReadOnlyStringWrapper syscalls = new ReadOnlyStringWrapper(this, "syscalls", "");
    private final Map<Format, ReadOnlyObjectWrapper<Export>> exports = new EnumMap<>(Format.class);

    /** {@code paddock}: the words that start the paddock command line, for the systemd and desktop exports. */
    public InsightModel(LandlockSupport support, List<String> paddock) {
        this.support = support;
        this.paddock = List.copyOf(paddock);
        for (Format format : Format.values()) {
            exports.put(format, new ReadOnlyObjectWrapper<>(this, format.name()));
        }
    }

    /** Recomputes everything for a profile (null when the editor holds something invalid). */
    public void update(Profile profile, Path file) {
        if (profile == null) {
            prediction.set(null);
            report.set(null);
            plan.set(null);
            syscalls.set("");
            problem.set("the profile is not valid; the red line above its sections says why");
            return;
        }
        Path exportFile = file != null ? file : Path.of(System.getProperty("user.home"), ".config", "paddock",
                "profiles", "unsaved.json");
        export(Format.LANDRUN, () -> LandrunExporter.export(profile));
        export(Format.LANDLOCKCONFIG, () -> LandlockConfigExporter.export(profile, System.getenv()));
        export(Format.SANDBOXER, () -> SandboxerExporter.export(profile));
        export(Format.SYSTEMD, () -> SystemdUnitExporter.export(profile, exportFile,
                SystemdUnitExporter.Runner.PADDOCK, paddock));
        export(Format.DESKTOP, () -> DesktopEntryExporter.export(profile, exportFile, paddock, false));
        try {
            CompiledPolicy compiled = compile(profile, file, support);
            prediction.set(Prediction.of(compiled, System.getenv()));
            report.set(compiled.report());
            plan.set(compiled.plan());
            syscalls.set(String.join("\n", SyscallPreview.lines(compiled.plan(), compiled.seccomp())) + "\n");
            problem.set("");
        } catch (ProfileException | SandboxException e) {
            prediction.set(null);
            report.set(null);
            plan.set(null);
            syscalls.set("");
            problem.set(e.getMessage());
        }
    }

    /** Nothing to predict or export: a file could not be opened, for this reason. */
    public void cannotOpen(String error) {
        prediction.set(null);
        report.set(null);
        plan.set(null);
        syscalls.set("");
        exports.values().forEach(export -> export.set(null));
        problem.set("the file cannot be opened: " + error);
    }

    /** An exporter refuses a value it cannot write safely; the pane then shows no text and says why. */
    private void export(Format format, java.util.function.Supplier<Export> exporter) {
        try {
            exports.get(format).set(exporter.get());
        } catch (IllegalArgumentException e) {
            exports.get(format).set(new Export("", List.of("cannot export: " + e.getMessage())));
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

    public LandlockSupport support() {
        return support;
    }

    /** The prediction, or null when the profile cannot be compiled (see {@link #problemProperty()}). */
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

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty syscallsProperty() {
        return syscalls.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Export> exportProperty(Format format) {
        return exports.get(format).getReadOnlyProperty();
    }
}
