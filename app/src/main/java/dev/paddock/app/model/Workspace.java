package dev.paddock.app.model;

import dev.paddock.core.interop.DesktopEntries;
import dev.paddock.core.interop.Import;
import dev.paddock.core.interop.LandrunImporter;
import dev.paddock.core.landlock.LandlockSupport;
import dev.paddock.core.policy.EnforcementReport;
import dev.paddock.core.profile.Profile;
import dev.paddock.core.profile.ProfileException;
import dev.paddock.core.profile.ProfileFiles;
import dev.paddock.core.profile.ProfileLibrary;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything the window works on: the kernel, the library, the profile in the editor with its live insight, and the
 * runs. The commands here are what the toolbar, the menus and the shortcuts call; dialogs stay in the views.
 */
public final class Workspace {
    private final LandlockSupport support;
    private final KernelModel kernel;
    private final DesktopEntries menu;
    private final LibraryModel library;
    private final EditorModel editor = new EditorModel();
    private final InsightModel insight;
    private final BooleanProperty trace = new SimpleBooleanProperty(this, "trace", false);
    private final LessonModel lessons;
    private final LintModel lint;
    private final ObservableList<RunSession> runs = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<RunSession> activeRun = new ReadOnlyObjectWrapper<>(this, "activeRun");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper brokenFile = new ReadOnlyStringWrapper(this, "brokenFile", "");
    private final ReadOnlyObjectWrapper<Path> brokenPath = new ReadOnlyObjectWrapper<>(this, "brokenPath");
    private final ObjectBinding<Path> shownFile;
    private final StringBinding runBlocked;
    private final BooleanProperty terminal =
            new SimpleBooleanProperty(this, "terminal", true);
    private int terminalColumns = 120;
    private int terminalRows = 30;

    public Workspace(LandlockSupport support, ProfileLibrary library) {
        this(support, library, DesktopEntries.ofUser());
    }

    /**
     * With the applications menu given: where "Add to menu" writes entries, and what they (and the systemd and desktop
     * exports) run.
     */
    Workspace(LandlockSupport support, ProfileLibrary library, DesktopEntries menu) {
        this.support = support;
        this.kernel = new KernelModel(support);
        this.menu = menu;
        this.library = new LibraryModel(library);
        this.insight = new InsightModel(kernel, menu.launcher());
        this.lessons = new LessonModel(editor, this::load,
                () -> brokenPath.get() == null ? "" : brokenPath.get().getFileName().toString(), trace, support, library.directory().resolveSibling("lessons.json"));
        this.lint = new LintModel(support, editor.paths());
        editor.profileProperty().addListener((obs, old, now) -> analyse(now, editor.fileProperty().get()));
        // the first save gives the profile a file but leaves it equal, so the exports' --profile follow the file too
        editor.fileProperty().addListener((obs, old, now) -> analyse(editor.profileProperty().get(), now));
        analyse(editor.profileProperty().get(), null);
        shownFile = Bindings.createObjectBinding(() -> brokenPath.get() != null
                ? brokenPath.get() : editor.fileProperty().get(), brokenPath, editor.fileProperty());
        runBlocked = Bindings.createStringBinding(this::whyNotRun, brokenFile,
                editor.profileProperty(), editor.problemProperty());
        this.library.watch();
    }

    private String whyNotRun() {
        if (!brokenFile.get().isEmpty()) {
            return "there is no profile to run: " + brokenPath.get().getFileName() + " cannot be opened";
        }
        Profile profile = editor.profileProperty().get();
        if (profile == null) {
            return "the profile is not valid: " + editor.problemProperty().get();
        }
        return profile.policy().command().isEmpty()
                ? "the profile has no command: set a program in the Command section" : "";
    }

    // Commands

    /** An empty profile, unsaved. */
    public void newProfile() {
        load(EditorModel.blank());
        editor.nameProperty().set("New profile");
    }

    /** Loads an unsaved profile into the editor, in the place of a file that could not be opened if one is shown. */
    private void load(Profile profile) {
        clearBroken();
        editor.load(profile, null);
    }

    /** Opens a library entry or a template; a broken file is shown as an error and never loaded. */
    public void open(LibraryModel.Item item) {
        if (item.broken()) {
            showBroken(item.file(), item.error());
            return;
        }
        clearBroken();
        editor.load(item.profile(), item.template() ? null : item.file());
        if (item.template()) {
            message.set("Template opened as a new profile: Save puts a copy in your library");
        }
    }

    /** Opens any profile file; returns false (and shows why) when it cannot be read. */
    public boolean open(Path file) {
        try {
            Profile profile = ProfileFiles.load(file);
            clearBroken();
            editor.load(profile, file);
            return true;
        } catch (ProfileException e) {
            showBroken(file, e.getMessage());
            return false;
        }
    }

    /**
     * A file that cannot be opened is shown instead of the editor, never above the previous profile: the editor is
     * emptied (the window asked about unsaved changes first), so that nothing saved or run now belongs to another
     * profile, and the insight says why there is nothing to predict.
     */
    private void showBroken(Path file, String error) {
        editor.load(EditorModel.blank(), null);
        brokenPath.set(file);
        brokenFile.set(error);
        insight.cannotOpen(error);
        lint.cannotOpen(error);
    }

    /** The insight and the lint follow the profile in the editor (null when it is invalid) and its file. */
    private void analyse(Profile profile, Path file) {
        insight.update(profile, file);
        lint.update(profile, file);
    }

    private void clearBroken() {
        brokenPath.set(null);
        brokenFile.set("");
    }

    /** Saves to the editor's file, or into the library when it has none; returns where. */
    public Path save() throws ProfileException {
        if (!brokenFile.get().isEmpty()) {
            throw new ProfileException("there is nothing to save: " + brokenPath.get() + " cannot be opened", -1, -1);
        }
        Path file = editor.fileProperty().get();
        return saveAs(file != null ? file : library.newFileFor(editor.nameProperty().get()));
    }

    public Path saveAs(Path file) throws ProfileException {
        Profile profile = editor.profileProperty().get();
        if (profile == null) {
            throw new ProfileException("the profile cannot be saved while " + editor.problemProperty().get(), -1, -1);
        }
        library.save(profile, file);
        editor.markSaved(file);
        message.set("Saved " + file);
        return file;
    }

    /** A copy of the profile under a new name, saved in the library. */
    public Path duplicate(LibraryModel.Item item) throws ProfileException {
        Profile copy = item.profile().withName(item.profile().name() + " (copy)");
        Path file = library.newFileFor(copy.name());
        library.save(copy, file);
        return file;
    }

    /** Renames a library profile in place (the file keeps its name). */
    public void rename(LibraryModel.Item item, String newName) throws ProfileException {
        library.save(item.profile().withName(newName), item.file());
        if (item.file().equals(editor.fileProperty().get())) {
            editor.nameProperty().set(newName);
            editor.markSaved(item.file());
        }
    }

    /**
     * Puts the profile in the editor into the applications menu, saving it first; the entry runs the saved file, so
     * it keeps working after later edits. Returns the entry's path.
     */
    public Path addToMenu() throws ProfileException, IOException {
        Path file = editor.dirtyProperty().get() || editor.fileProperty().get() == null ? save()
                : editor.fileProperty().get();
        Path entry = menu.add(file);
        message.set("Added to the applications menu: " + entry.getFileName());
        return entry;
    }

    /** A new, unsaved profile from a pasted landrun command line; returns the import's warnings. */
    public List<String> importLandrun(String line) {
        Import result = LandrunImporter.parse(line);
        load(result.profile());
        return result.warnings();
    }

    /** Runs the profile in the editor, confined; the run becomes the active one. */
    public RunSession run() {
        return run(false);
    }

    /**
     * Runs the profile in the editor. {@code allowUnsandboxed} is the user's explicit opt-in for a run that Landlock
     * would not restrict at all; without it such a run is refused.
     */
    public RunSession run(boolean allowUnsandboxed) {
        Profile profile = editor.profileProperty().get();
        if (!runBlocked.get().isEmpty()) {
            message.set("Cannot run: " + runBlocked.get());
            return null;
        }
        // a lesson's profile runs in a fresh copy of the lesson's folder
        RunSession session = RunSession.start(lessons.forRun(profile), runTitle(profile.name()),
                editor.fileProperty().get(), terminal.get(), terminalColumns, terminalRows, allowUnsandboxed, trace.get());
        runs.add(session);
        activeRun.set(session);
        return session;
    }

    /**
     * The profile's name, numbered when a run of that name is still open ("ls /etc #2"): tabs with the same title
     * could not be told apart. The number follows the highest one open, so no two open runs share it.
     */
    String runTitle(String name) {
        int highest = 0;
        for (RunSession run : runs) {
            if (run.title().equals(name)) {
                highest = Math.max(highest, 1);
            } else if (run.title().startsWith(name + " #")) {
                try {
                    highest = Math.max(highest, Integer.parseInt(run.title().substring(name.length() + 2)));
                } catch (NumberFormatException e) {
                    // a profile whose own name ends in " #" and more: not one of this name's numbers
                }
            }
        }
        return highest == 0 ? name : name + " #" + (highest + 1);
    }

    /**
     * The lint errors the rule Allow would add for this denial brings into the profile in the editor, one sentence
     * each ("rule-id on /: attack"); empty when the rule is safe by the lint. Allow asks first when there are some.
     */
    public List<String> allowRisks(AccessRow denial) {
        return AllowRisks.of(editor, denial.fix(), support, System.getenv());
    }

    /**
     * Allow: adds the smallest rule that would have allowed a denied access to the profile in the editor (or widens
     * the path's rule) and selects it; returns what changed, which the message also says. Run again to try it.
     */
    public String allow(AccessRow denial) {
        String done = denial.fix() == null ? "No rule can allow this on this kernel: " + denial.sentence()
                : ProfileFix.apply(editor, denial.fix());
        if (denial.fix() != null && !done.startsWith("Cannot")) {
            denial.markAllowed();
        }
        message.set(done);
        return done;
    }

    /** Closes every run that has ended, keeping those still running. */
    public void closeFinishedRuns() {
        List.copyOf(runs).stream().filter(run -> !run.isActive()).forEach(this::closeRun);
    }

    /** Stops the active run. */
    public void stop() {
        RunSession session = activeRun.get();
        if (session != null) {
            session.stop();
        }
    }

    /** Whether a run now would be NOT_ENFORCED, and so needs the user's explicit opt-in. */
    public boolean wouldRunUnsandboxed() {
        var report = insight.reportNow();
        return report != null && report.status() == EnforcementReport.Status.NOT_ENFORCED;
    }

    public void selectRun(RunSession session) {
        activeRun.set(session);
    }

    public void closeRun(RunSession session) {
        session.stop();
        runs.remove(session);
        if (activeRun.get() == session) {
            activeRun.set(runs.isEmpty() ? null : runs.get(runs.size() - 1));
        }
    }

    public void terminalSize(int columns, int rows) {
        terminalColumns = columns;
        terminalRows = rows;
    }

    /** Stops every run, for a window that closes. */
    public void stopAll() {
        runs.forEach(RunSession::stop);
    }

    // Properties

    public LandlockSupport support() {
        return support;
    }

    /** This kernel as the window tells it. */
    public KernelModel kernel() {
        return kernel;
    }

    public LibraryModel library() {
        return library;
    }

    public EditorModel editor() {
        return editor;
    }

    /** The lessons: the list, the one open, its checks. */
    public LessonModel lessons() {
        return lessons;
    }

    /** Whether runs are traced (their Accesses view shows what they tried and why each access was denied); a lesson turns it on. */
    public BooleanProperty traceProperty() {
        return trace;
    }

    public InsightModel insight() {
        return insight;
    }

    /** The lint of the profile in the editor, for the Warnings tab. */
    public LintModel lint() {
        return lint;
    }


    /** Whether runs get a pseudo-terminal (live, coloured output) or pipes (stdout and stderr apart). */
    public BooleanProperty terminalProperty() {
        return terminal;
    }

    public ObservableList<RunSession> runs() {
        return runs;
    }

    public ReadOnlyObjectProperty<RunSession> activeRunProperty() {
        return activeRun.getReadOnlyProperty();
    }

    /** The latest one-line message for the status bar. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The error of a profile file that could not be opened, or "". */
    public ReadOnlyStringProperty brokenFileProperty() {
        return brokenFile.getReadOnlyProperty();
    }

    /** The file that could not be opened, or null. */
    public ReadOnlyObjectProperty<Path> brokenPathProperty() {
        return brokenPath.getReadOnlyProperty();
    }

    /** Why Run is off (a sentence), or "" when the profile in the editor can run. */
    public ObservableStringValue runBlockedProperty() {
        return runBlocked;
    }

    /** The file the window shows: the editor's, or the one that could not be opened; null for a new profile. */
    public ObservableValue<Path> shownFileProperty() {
        return shownFile;
    }
}
