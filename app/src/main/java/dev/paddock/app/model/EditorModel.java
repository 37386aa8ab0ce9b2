package dev.paddock.app.model;

import dev.paddock.core.interop.ShellWords;
import dev.paddock.core.landlock.Abi;
import dev.paddock.core.landlock.AuditFlag;
import dev.paddock.core.landlock.Scope;
import dev.paddock.core.policy.AbiUpgrade;
import dev.paddock.core.policy.AccessMode;
import dev.paddock.core.policy.Compatibility;
import dev.paddock.core.policy.EnvVar;
import dev.paddock.core.policy.PathAccess;
import dev.paddock.core.policy.PathRule;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.policy.PortUse;
import dev.paddock.core.profile.Acknowledgement;
import dev.paddock.core.profile.ControlCharacters;
import dev.paddock.core.profile.PathVariables;
import dev.paddock.core.profile.Profile;
import dev.paddock.core.profile.ProfileException;
import dev.paddock.core.seccomp.SeccompRule;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The profile being edited, as properties the views bind to. Every edit rebuilds the {@link Profile}, or the one
 * sentence that says why it cannot be built; the model also knows whether there are unsaved changes.
 */
public final class EditorModel {
    // Properties
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty description = new SimpleStringProperty(this, "description", "");
    private final StringProperty notes = new SimpleStringProperty(this, "notes", "");
    private final StringProperty program = new SimpleStringProperty(this, "program", "");
    private final StringProperty arguments = new SimpleStringProperty(this, "arguments", "");
    private final StringProperty workingDirectory = new SimpleStringProperty(this, "workingDirectory", "");
    private final ObservableList<PathRow> paths = FXCollections.observableArrayList(PathRow::observables);
    private final ObservableList<EnvRow> environment = FXCollections.observableArrayList(EnvRow::observables);
    private final ObservableList<Integer> bindPorts = FXCollections.observableArrayList();
    private final ObservableList<Integer> connectPorts = FXCollections.observableArrayList();
    private final ObservableList<Integer> bindUdpPorts = FXCollections.observableArrayList();
    private final ObservableList<Integer> connectUdpPorts = FXCollections.observableArrayList();
    private final ObservableList<Integer> quietPorts = FXCollections.observableArrayList();
    private final BooleanProperty unrestrictedFilesystem = new SimpleBooleanProperty(this, "unrestrictedFilesystem");
    private final BooleanProperty unrestrictedNetwork = new SimpleBooleanProperty(this, "unrestrictedNetwork");
    private final Map<Scope, BooleanProperty> scopes = new EnumMap<>(Scope.class);
    private final Map<AuditFlag, BooleanProperty> auditFlags = new EnumMap<>(AuditFlag.class);
    /** The opt-in seccomp rules; a profile's "hardening" was dropped by every edit before they were kept here. */
    private final Map<SeccompRule, BooleanProperty> hardening = new EnumMap<>(SeccompRule.class);
    private final BooleanProperty ignoreMissing = new SimpleBooleanProperty(this, "ignoreMissing");
    private final BooleanProperty addExec = new SimpleBooleanProperty(this, "addExec");
    private final BooleanProperty ldd = new SimpleBooleanProperty(this, "ldd");
    private final BooleanProperty strict = new SimpleBooleanProperty(this, "strict");
    private final IntegerProperty abi = new SimpleIntegerProperty(this, "abi", Abi.LATEST);
    private final ReadOnlyObjectWrapper<AbiUpgrade> upgrade = new ReadOnlyObjectWrapper<>(this, "upgrade");
    private final ObjectProperty<Path> file = new SimpleObjectProperty<>(this, "file");
    private final ObjectProperty<PathRow> selectedPath = new SimpleObjectProperty<>(this, "selectedPath");

    private final ReadOnlyObjectWrapper<Profile> profile = new ReadOnlyObjectWrapper<>(this, "profile");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty");
    private Profile saved;
    private boolean loading;
    /** The lint findings the loaded profile accepts; the editor does not change them, and saving keeps them. */
    private List<Acknowledgement> acknowledged = List.of();

    /** Undo and redo: the states the editor went through, and where in them it is. */
    private final EditHistory<EditorState> history = new EditHistory<>();

    public EditorModel() {
        for (Scope scope : Scope.values()) {
            scopes.put(scope, new SimpleBooleanProperty(this, scope.id(), true));
        }
        for (AuditFlag flag : AuditFlag.values()) {
            auditFlags.put(flag, new SimpleBooleanProperty(this, flag.id()));
        }
        for (SeccompRule rule : SeccompRule.values()) {
            if (rule.optIn()) {
                hardening.put(rule, new SimpleBooleanProperty(this, rule.id()));
            }
        }
        List<Observable> watched = new ArrayList<>(List.of(name, description, notes, program, arguments,
                workingDirectory, paths, environment, bindPorts, connectPorts, bindUdpPorts, connectUdpPorts,
                quietPorts, unrestrictedFilesystem, unrestrictedNetwork, ignoreMissing, addExec, ldd, strict, abi));
        watched.addAll(scopes.values());
        watched.addAll(auditFlags.values());
        watched.addAll(hardening.values());
        // a port that loses its last rule is no longer quiet
        for (ObservableList<Integer> ports : List.of(bindPorts, connectPorts, bindUdpPorts, connectUdpPorts)) {
            ports.addListener((ListChangeListener<Integer>) change -> quietPorts.removeIf(
                    port -> !hasPortRule(port)));
        }
        watched.forEach(o -> o.addListener(change -> {
            rebuild();
            remember(o);
        }));
        load(blank(), null);
    }

    /** A new profile: the system's programs may run, everything else is denied. */
    public static Profile blank() {
        return new Profile("New profile", "", "", Policy.builder().readExec("/usr").build());
    }

    // Commands

    /** Shows a profile for editing; it counts as saved. */
    public void load(Profile value, Path from) {
        loading = true;
        try {
            acknowledged = value.acknowledged();
            fill(value);
            file.set(from);
        } finally {
            loading = false;
        }
        saved = value;
        rebuild();
        history.reset(EditorState.of(this));
    }

    /**
     * Puts a profile into the editor as one edit, which Undo takes back (a learned profile); the file and what was
     * saved stay as they were, so the change is unsaved.
     */
    public void replace(Profile value) {
        loading = true;
        try {
            fill(value);
        } finally {
            loading = false;
        }
        rebuild();
        history.record(EditorState.of(this), value, false);
    }

    /** Sets every field from {@code value}; the caller keeps the editor from rebuilding meanwhile. */
    private void fill(Profile value) {
        Policy policy = value.policy();
        name.set(value.name());
        description.set(value.description());
        notes.set(value.notes());
        List<String> command = policy.command();
        program.set(command.isEmpty() ? "" : command.get(0));
        arguments.set(command.size() < 2 ? "" : ShellWords.join(command.subList(1, command.size())));
        workingDirectory.set(policy.workingDirectory() == null ? "" : policy.workingDirectory());
        paths.setAll(policy.paths().stream().map(r -> new PathRow(r.path(), r.access(), r.quiet(), r.optional()))
                .toList());
        environment.setAll(policy.environment().stream()
                .map(v -> new EnvRow(v.name(), v.passes(), v.value())).toList());
        bindPorts.setAll(policy.bindTcp());
        connectPorts.setAll(policy.connectTcp());
        bindUdpPorts.setAll(policy.bindUdp());
        connectUdpPorts.setAll(policy.connectUdp());
        quietPorts.setAll(policy.quietPorts());
        unrestrictedFilesystem.set(policy.unrestrictedFilesystem());
        unrestrictedNetwork.set(policy.unrestrictedNetwork());
        scopes.forEach((scope, property) -> property.set(policy.scopes().contains(scope)));
        auditFlags.forEach((flag, property) -> property.set(policy.auditFlags().contains(flag)));
        hardening.forEach((rule, property) -> property.set(policy.hardening().contains(rule)));
        ignoreMissing.set(policy.ignoreMissing());
        addExec.set(policy.addExec());
        ldd.set(policy.ldd());
        strict.set(policy.compatibility() == Compatibility.STRICT);
        abi.set(policy.abi());
    }

    /** After a save: the current profile is what is on disk. */
    public void markSaved(Path to) {
        file.set(to);
        saved = profile.get();
        rebuild();
    }

    /** Goes back one step of editing; nothing when there is none. */
    public void undo() {
        restore(history.undo());
    }

    /** Goes forward one step that was undone; nothing when there is none. */
    public void redo() {
        restore(history.redo());
    }

    private void restore(EditorState state) {
        if (state == null) {
            return;
        }
        loading = true;
        try {
            state.applyTo(this);
        } finally {
            loading = false;
        }
        rebuild();
    }

    /** Records a step after an edit; keystrokes in one text field in quick succession make one step. */
    private void remember(Observable edited) {
        if (!loading) {
            history.record(EditorState.of(this), edited, edited instanceof StringProperty);
        }
    }

    public PathRow addPath(String path, PathAccess access) {
        PathRow row = new PathRow(path, access);
        paths.add(row);
        return row;
    }

    /** Adds the rule unless the same path is already there. */
    public void addPathIfAbsent(String path, PathAccess access) {
        addPathIfAbsent(new PathRule(path, access));
    }

    /** Adds the rule, quiet and optional as it is, unless the same path is already there. */
    public void addPathIfAbsent(PathRule rule) {
        if (paths.stream().noneMatch(row -> row.pathProperty().get().equals(rule.path()))) {
            paths.add(new PathRow(rule.path(), rule.access(), rule.quiet(), rule.optional()));
        }
    }

    /** Adds a TCP port; returns the sentence that says why not, or null. */
    public String addPort(boolean bind, String text) {
        return addPort(bind, text, bind ? bindPorts : connectPorts);
    }

    /** Adds a UDP port; returns the sentence that says why not, or null. */
    public String addUdpPort(boolean bind, String text) {
        return addPort(bind, text, bind ? bindUdpPorts : connectUdpPorts);
    }

    /** Marks a port's rules quiet; returns the sentence that says why not, or null. */
    public String addQuietPort(String text) {
        try {
            int port = Integer.parseInt(text.strip());
            if (!hasPortRule(port)) {
                return "port " + port + " has no rule to make quiet: allow binding or connecting to it first";
            }
        } catch (NumberFormatException e) {
            return "\"" + text.strip() + "\" is not a port number";
        }
        return addPort(true, text, quietPorts);
    }

    private boolean hasPortRule(int port) {
        return bindPorts.contains(port) || connectPorts.contains(port) || bindUdpPorts.contains(port)
                || connectUdpPorts.contains(port);
    }

    private static String addPort(boolean bind, String text, ObservableList<Integer> list) {
        int port;
        try {
            port = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return "\"" + text.strip() + "\" is not a port number";
        }
        PortUse use = bind ? PortUse.BIND : PortUse.CONNECT;
        if (!use.accepts(port)) {
            return "port " + port + " " + use.rangeProblem();
        }
        if (!list.contains(port)) {
            list.add(port);
            FXCollections.sort(list);
        }
        return null;
    }

    /**
     * Writes the profile for the newest ABI Paddock knows: what {@link #upgradeProperty()} lists becomes denied. The
     * change is unsaved until the user saves.
     */
    public void upgradeAbi() {
        abi.set(Abi.LATEST);
    }

    /** Passes PATH, HOME, LANG and TERM from Paddock's environment. */
    public void passCommonEnvironment() {
        for (String variable : List.of("PATH", "HOME", "LANG", "TERM")) {
            if (environment.stream().noneMatch(row -> row.nameProperty().get().equals(variable))) {
                environment.add(new EnvRow(variable, true, ""));
            }
        }
    }

    private void rebuild() {
        if (loading) {
            return;
        }
        try {
            Profile built = new Profile(name.get().isBlank() ? "Untitled" : name.get(), description.get(), notes.get(),
                    policy(), acknowledged);
            profile.set(built);
            upgrade.set(AbiUpgrade.toLatest(built.policy()));
            problem.set("");
        } catch (IllegalArgumentException e) {
            profile.set(null);
            problem.set(e.getMessage());
        }
        dirty.set(saved == null || !saved.equals(profile.get()));
    }

    private Policy policy() {
        Policy.Builder builder = Policy.builder();
        for (PathRow row : paths) {
            // a row whose path is not typed yet is a draft, not a rule: it would make the profile invalid
            if (!row.pathProperty().get().isBlank()) {
                builder.rule(new PathRule(row.pathProperty().get(), row.accessProperty().get(),
                        row.quietProperty().get(), row.optionalProperty().get()));
            }
        }
        bindPorts.forEach(builder::bindTcp);
        connectPorts.forEach(builder::connectTcp);
        bindUdpPorts.forEach(builder::bindUdp);
        connectUdpPorts.forEach(builder::connectUdp);
        quietPorts.forEach(builder::quietPorts);
        for (EnvRow row : environment) {
            builder.env(row.passProperty().get() ? EnvVar.pass(row.nameProperty().get())
                    : EnvVar.set(row.nameProperty().get(), row.valueProperty().get()));
        }
        List<String> command = new ArrayList<>();
        if (!program.get().isBlank()) {
            command.add(program.get().strip());
            command.addAll(ShellWords.split(arguments.get()));
        } else if (!arguments.get().isBlank()) {
            throw new IllegalArgumentException("the arguments need a program to go with");
        }
        builder.command(command);
        builder.workingDirectory(workingDirectory.get().isBlank() ? null : workingDirectory.get().strip());
        builder.unrestrictedFilesystem(unrestrictedFilesystem.get());
        builder.unrestrictedNetwork(unrestrictedNetwork.get());
        builder.scopes(scopes.entrySet().stream().filter(e -> e.getValue().get()).map(Map.Entry::getKey).toList());
        auditFlags.forEach((flag, property) -> {
            if (property.get()) {
                builder.auditFlag(flag);
            }
        });
        hardening.forEach((rule, property) -> {
            if (property.get()) {
                builder.harden(rule);
            }
        });
        Policy policy = builder.abi(abi.get()).ignoreMissing(ignoreMissing.get()).addExec(addExec.get()).ldd(ldd.get())
                .compatibility(strict.get() ? Compatibility.STRICT : Compatibility.BEST_EFFORT).build();
        // what the profile reader would refuse is shown now, not when the saved file fails to load
        String problem = ControlCharacters.problem(policy);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return policy;
    }

    // Properties

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty descriptionProperty() {
        return description;
    }

    public StringProperty notesProperty() {
        return notes;
    }

    public StringProperty programProperty() {
        return program;
    }

    public StringProperty argumentsProperty() {
        return arguments;
    }

    public StringProperty workingDirectoryProperty() {
        return workingDirectory;
    }

    public ObservableList<PathRow> paths() {
        return paths;
    }

    public ObservableList<EnvRow> environment() {
        return environment;
    }

    public ObservableList<Integer> bindPorts() {
        return bindPorts;
    }

    public ObservableList<Integer> connectPorts() {
        return connectPorts;
    }

    public ObservableList<Integer> bindUdpPorts() {
        return bindUdpPorts;
    }

    public ObservableList<Integer> connectUdpPorts() {
        return connectUdpPorts;
    }

    /** Ports whose rules are quiet: their denials are not logged (ABI 10). */
    public ObservableList<Integer> quietPorts() {
        return quietPorts;
    }

    public BooleanProperty unrestrictedFilesystemProperty() {
        return unrestrictedFilesystem;
    }

    public BooleanProperty unrestrictedNetworkProperty() {
        return unrestrictedNetwork;
    }

    public BooleanProperty scopeProperty(Scope scope) {
        return scopes.get(scope);
    }

    public BooleanProperty auditFlagProperty(AuditFlag flag) {
        return auditFlags.get(flag);
    }

    /** The switch of a scope the kernel model lists ({@link KernelModel#scopes()}). */
    public BooleanProperty scopeProperty(Right scope) {
        return scopeProperty((Scope) scope.key());
    }

    /** The switch of an audit flag the kernel model lists ({@link KernelModel#auditFlags()}). */
    public BooleanProperty auditFlagProperty(Right flag) {
        return auditFlagProperty((AuditFlag) flag.key());
    }

    /**
     * An opt-in seccomp rule as the Advanced section shows it, so that views need not know the seccomp layer.
     *
     * @param id   its name in profiles and after --harden
     * @param help what it refuses, what that achieves and what it breaks
     * @param on   whether the profile asks for it
     */
    public record HardeningChoice(String id, String help, BooleanProperty on) {
    }

    /** Every opt-in seccomp rule, in the order the enum lists them. */
    public List<HardeningChoice> hardeningChoices() {
        return hardening.entrySet().stream().map(e -> new HardeningChoice(e.getKey().id(),
                e.getKey().refuses() + ": " + e.getKey().effect() + ".", e.getValue())).toList();
    }

    /** Whether an opt-in seccomp rule (hardening) is on; null for a rule that is always on. */
    public BooleanProperty hardeningProperty(SeccompRule rule) {
        return hardening.get(rule);
    }

    public BooleanProperty ignoreMissingProperty() {
        return ignoreMissing;
    }

    public BooleanProperty addExecProperty() {
        return addExec;
    }

    public BooleanProperty lddProperty() {
        return ldd;
    }

    public BooleanProperty strictProperty() {
        return strict;
    }

    /** The Landlock ABI the profile is written for. */
    public ReadOnlyIntegerProperty abiProperty() {
        return abi;
    }

    /** What upgrading the profile to the newest ABI would deny; null while the profile is not valid. */
    public ReadOnlyObjectProperty<AbiUpgrade> upgradeProperty() {
        return upgrade.getReadOnlyProperty();
    }

    public ObjectProperty<Path> fileProperty() {
        return file;
    }

    /** The path rule selected in the editor (Allow selects the rule it added), or null. */
    public ObjectProperty<PathRow> selectedPathProperty() {
        return selectedPath;
    }

    /** The profile as edited, or null while the editor holds something invalid. */
    public ReadOnlyObjectProperty<Profile> profileProperty() {
        return profile.getReadOnlyProperty();
    }

    /** Why the profile cannot be built, or "". */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return history.canUndoProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return history.canRedoProperty();
    }

    /** Whether there are changes that are not saved. */
    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    /** The access a new path rule starts with. */
    public static PathAccess defaultAccess() {
        return AccessMode.RO;
    }

    /** What a path rule leads to, for its badge. */
    public enum PathKind { FOLDER, FILE, MISSING, UNKNOWN }

    /** A path rule's kind, and why it is unknown when it is. */
    public record PathCheck(PathKind kind, String problem) {
    }

    /**
     * What {@code path} leads to once this profile's variables are expanded as a run would expand them, its own
     * folder (${PROFILE_DIR}) included.
     */
    public PathCheck check(String path) {
        try {
            Path expanded = Path.of(PathVariables.ofProcess(file.get()).expand(path));
            if (Files.isDirectory(expanded)) {
                return new PathCheck(PathKind.FOLDER, "");
            }
            return new PathCheck(Files.exists(expanded) ? PathKind.FILE : PathKind.MISSING, "");
        } catch (ProfileException | InvalidPathException e) {
            return new PathCheck(PathKind.UNKNOWN, e.getMessage());
        }
    }
}
