package dev.paddock.app.model;

import dev.paddock.core.landlock.LandlockSupport;
import dev.paddock.core.lesson.CheckOptions;
import dev.paddock.core.lesson.CheckReport;
import dev.paddock.core.lesson.Criterion;
import dev.paddock.core.lesson.Lesson;
import dev.paddock.core.lesson.LessonChecker;
import dev.paddock.core.lesson.LessonException;
import dev.paddock.core.lesson.LessonFolder;
import dev.paddock.core.lesson.LessonProgress;
import dev.paddock.core.lesson.Lessons;
import dev.paddock.core.profile.Profile;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The lessons, as the Lessons pane and the kernel matrix see them: the list with each lesson's progress, the lesson
 * open (its starting profile loaded into the editor, tracing on), hints revealed one at a time, the solution on
 * request, and Check, which judges the editor's current profile off the FX thread. Which lesson shows which right is
 * asked here, so the kernel matrix links to it without knowing the lessons.
 */
public final class LessonModel {
    /**
     * A lesson in the list, with whether the learner passed it.
     *
     * @param lesson the lesson
     * @param number its place in the list, from 1
     * @param passed whether it was passed, on this machine, ever
     */
    public record Item(Lesson lesson, int number, BooleanProperty passed) {
        /** "3. A file rule or a folder rule". */
        public String title() {
            return number + ". " + lesson.title();
        }
    }

    private final EditorModel editor;
    private final Consumer<Profile> load;
    private final Supplier<String> unopened;
    private final BooleanProperty trace;
    private final LandlockSupport support;
    private final Path progressFile;
    private final ObservableList<Item> items = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper loadError = new ReadOnlyStringWrapper(this, "loadError", "");
    private final ReadOnlyObjectWrapper<Item> current = new ReadOnlyObjectWrapper<>(this, "current");
    private final IntegerProperty hintsShown = new SimpleIntegerProperty(this, "hintsShown", 0);
    private final BooleanProperty showing = new SimpleBooleanProperty(this, "showing", false);
    private final ReadOnlyBooleanWrapper checking = new ReadOnlyBooleanWrapper(this, "checking", false);
    private final ObservableList<Criterion> results = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper verdict = new ReadOnlyStringWrapper(this, "verdict", "");
    private final ReadOnlyObjectWrapper<Boolean> passed = new ReadOnlyObjectWrapper<>(this, "passed");
    private LessonProgress progress;
    /** The folders made for the learner's own runs of the open lesson; removed when it closes or the app ends. */
    private final List<LessonFolder> runFolders = new ArrayList<>();
    private boolean cleanupOnExit;

    /**
     * @param load puts a profile into the editor as the window's own open does: in the place of a file that could
     *        not be opened, if one is shown
     * @param unopened the file shown instead of the editor because it cannot be opened ("broken.json"), or empty:
     *        the editor then holds no profile of the learner's, and Check says so rather than judge it
     */
    LessonModel(EditorModel editor, Consumer<Profile> load, Supplier<String> unopened, BooleanProperty trace,
            LandlockSupport support, Path progressFile) {
        this.editor = editor;
        this.load = load;
        this.unopened = unopened;
        this.trace = trace;
        this.support = support;
        this.progressFile = progressFile;
    }

    /** The lessons with their progress; read from the jar the first time they are asked for. */
    public ObservableList<Item> items() {
        if (progress == null) {
            progress = new LessonProgress(progressFile);
            try {
                List<Lesson> all = Lessons.bundled().all();
                for (int i = 0; i < all.size(); i++) {
                    items.add(new Item(all.get(i), i + 1,
                            new SimpleBooleanProperty(progress.passed(all.get(i).id()))));
                }
            } catch (LessonException e) {
                loadError.set(e.getMessage());
            }
        }
        return items;
    }

    /** Opens a lesson: its starting profile replaces the editor's, tracing turns on, hints and results reset. */
    public void open(Item item) {
        closeRunFolders();
        load.accept(item.lesson().start());
        trace.set(true);
        hintsShown.set(0);
        results.clear();
        verdict.set("");
        passed.set(null);
        current.set(item);
        showing.set(true);
    }

    /**
     * Opens a lesson by its number or id, as {@code paddock lesson} names them.
     *
     * @return whether there is such a lesson
     */
    public boolean open(String numberOrId) {
        Optional<Item> item = items().stream().filter(i -> Integer.toString(i.number()).equals(numberOrId)
                || i.lesson().id().equals(numberOrId)).findFirst();
        item.ifPresent(this::open);
        return item.isPresent();
    }

    /** Back to the list. */
    public void closeLesson() {
        closeRunFolders();
        current.set(null);
        results.clear();
        verdict.set("");
        passed.set(null);
    }

    /** Reveals the next hint, if any is left. */
    public void nextHint() {
        Item item = current.get();
        if (item != null && hintsShown.get() < item.lesson().hints().size()) {
            hintsShown.set(hintsShown.get() + 1);
        }
    }

    /**
     * The profile as Run should start it: while a lesson is open, in a fresh copy of the lesson's folder (its files,
     * and the listeners and the process to signal its probes use), with {@code ${LESSON_DIR}} and the lesson's other
     * variables replaced, so that the learner can run and trace the profile before checking it. Otherwise, or when
     * the folder cannot be made, the profile as it is.
     */
    public Profile forRun(Profile profile) {
        Item item = current.get();
        if (item == null || profile == null) {
            return profile;
        }
        try {
            LessonFolder folder = LessonFolder.create(item.lesson(), CheckOptions.DEFAULT);
            synchronized (runFolders) {
                runFolders.add(folder);
                if (!cleanupOnExit) {
                    cleanupOnExit = true;
                    Runtime.getRuntime().addShutdownHook(new Thread(this::closeRunFolders, "lesson-cleanup"));
                }
            }
            return folder.forRun(profile);
        } catch (LessonException e) {
            verdict.set("The lesson's folder could not be made for the run: " + e.getMessage());
            return profile;
        }
    }

    private void closeRunFolders() {
        synchronized (runFolders) {
            runFolders.forEach(LessonFolder::close);
            runFolders.clear();
        }
    }

    /** Loads the solution into the editor (the view asks the learner first). */
    public void showSolution() {
        Item item = current.get();
        if (item != null) {
            load.accept(item.lesson().solution());
        }
    }

    /** The first lesson that shows a right, scope or flag of the kernel matrix, if one does. */
    public Optional<Item> lessonFor(String rightId) {
        return items().stream().filter(item -> item.lesson().teaches(rightId)).findFirst();
    }

    /**
     * Checks the editor's profile against the open lesson on a thread of its own; the results arrive on the FX
     * thread. A pass is remembered.
     */
    public void check() {
        Item item = current.get();
        if (item == null || checking.get()) {
            return;
        }
        Profile profile = editor.profileProperty().get();
        results.clear();
        passed.set(null);
        String file = unopened.get();
        if (!file.isEmpty()) {
            verdict.set("There is no profile to check: " + file + " cannot be opened. Open the lesson again from "
                    + "All lessons to load its starting profile, or open another profile.");
            passed.set(false);
            return;
        }
        if (profile == null) {
            verdict.set("The profile is not valid yet: " + editor.problemProperty().get());
            passed.set(false);
            return;
        }
        checking.set(true);
        verdict.set("Checking: running the command and the probes in the sandbox…");
        Thread worker = new Thread(() -> {
            CheckReport report = null;
            String error = null;
            try {
                report = new LessonChecker(CheckOptions.DEFAULT, support).check(item.lesson(), profile);
            } catch (LessonException | RuntimeException e) {
                error = e.getMessage();
            }
            CheckReport done = report;
            String failure = error;
            Platform.runLater(() -> finished(item, done, failure));
        }, "lesson-check");
        worker.setDaemon(true);
        worker.start();
    }

    private void finished(Item item, CheckReport report, String error) {
        checking.set(false);
        if (item != current.get()) {
            return;
        }
        if (report == null) {
            verdict.set("The check could not run: " + error);
            passed.set(false);
            return;
        }
        results.setAll(report.criteria());
        passed.set(report.passed());
        if (report.passed()) {
            item.passed().set(true);
            String unsaved = progress.markPassed(item.lesson().id());
            verdict.set("Passed: every criterion is met." + (unsaved == null ? "" : " But " + unsaved + "."));
        } else {
            verdict.set(report.failures() + " of " + report.criteria().size()
                    + " criteria failed: each says why below.");
        }
    }

    /** Whether the Lessons pane is shown instead of the Insight pane. */
    public BooleanProperty showingProperty() {
        return showing;
    }

    /** The lesson open, or null for the list. */
    public ReadOnlyObjectProperty<Item> currentProperty() {
        return current.getReadOnlyProperty();
    }

    /** How many hints of the open lesson are revealed. */
    public IntegerProperty hintsShownProperty() {
        return hintsShown;
    }

    /** Whether a check is running. */
    public ReadOnlyBooleanProperty checkingProperty() {
        return checking.getReadOnlyProperty();
    }

    /** The criteria of the last check, each with its verdict. */
    public ObservableList<Criterion> results() {
        return results;
    }

    /** One sentence on the last check. */
    public ReadOnlyStringProperty verdictProperty() {
        return verdict.getReadOnlyProperty();
    }

    /** Whether the last check passed; null before any check. */
    public ReadOnlyObjectProperty<Boolean> passedProperty() {
        return passed.getReadOnlyProperty();
    }

    /** Why the lessons could not be read, or empty. */
    public ReadOnlyStringProperty loadErrorProperty() {
        return loadError.getReadOnlyProperty();
    }
}
