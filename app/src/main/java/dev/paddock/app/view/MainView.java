package dev.paddock.app.view;

import atlantafx.base.theme.Styles;
import dev.paddock.app.model.LearnModel;
import dev.paddock.app.model.RunSession;
import dev.paddock.app.model.Workspace;
import javafx.beans.binding.Bindings;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import javafx.util.Duration;

import java.util.Arrays;

/**
 * The window's content: toolbar, library, editor, insight, runs and the kernel status bar. The runs take a part of
 * the window only while there are runs; where the dividers were is remembered.
 */
public final class MainView extends BorderPane {
    /** Where the runs' divider goes the first time, as a fraction of the height under the toolbar. */
    private static final double RUNS_DIVIDER = 0.6;
    private final Workspace workspace;
    private final Runnable toggleTheme;
    private final SplitPane columns;
    private final SplitPane rows;
    private final RunPane runs;
    private final EditorPane editor;
    private final InsightPane insight;
    private final ProfileCommands files;
    private double runsDivider = RUNS_DIVIDER;

    public MainView(Workspace workspace, Runnable toggleTheme, Runnable showAbout) {
        this.workspace = workspace;
        this.files = new ProfileCommands(workspace, () -> getScene().getWindow());
        this.toggleTheme = toggleTheme;
        setId("main");
        LibraryPane library = new LibraryPane(workspace.library(), workspace.shownFileProperty(), files);
        editor = new EditorPane(workspace);
        insight = new InsightPane(workspace.insight(), workspace.lint());
        library.setMinWidth(150);
        editor.setMinWidth(360);
        insight.setMinWidth(240);
        LessonPane lessons = new LessonPane(workspace.lessons(), files::openLesson);
        lessons.visibleProperty().bind(workspace.lessons().showingProperty());
        insight.visibleProperty().bind(workspace.lessons().showingProperty().not());
        // the lesson takes the Insight pane's place while it is shown; the editor beside it stays the learner's
        StackPane side = new StackPane(insight, lessons);
        side.setMinWidth(240);
        columns = new SplitPane(library, editor, side);
        columns.setDividerPositions(0.19, 0.66);
        SplitPane.setResizableWithParent(library, false);
        runs = new RunPane(workspace, this::showHelp);
        runs.setMinHeight(120);
        rows = new SplitPane(columns);
        rows.setOrientation(Orientation.VERTICAL);
        workspace.runs().addListener((ListChangeListener<RunSession>) c ->
                showRuns(!workspace.runs().isEmpty()));
        setTop(new VBox(toolbar(showAbout), landlockBanner()));
        setCenter(rows);
        setBottom(new StatusBar(workspace, this::showHelp, files::openLesson));
        sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                installShortcuts(showAbout);
            }
        });
    }

    /**
     * The runs get the lower part of the window while there are any, and give it back to the editor when the last
     * one is closed: an empty console area took a third of the window, and left the path table four rows.
     */
    private void showRuns(boolean show) {
        boolean shown = rows.getItems().contains(runs);
        if (show && !shown) {
            rows.getItems().add(runs);
            rows.setDividerPositions(runsDivider);
            rows.getDividers().get(0).positionProperty().addListener((obs, old, now) -> {
                if (rows.getItems().contains(runs)) {
                    runsDivider = now.doubleValue();
                }
            });
        } else if (!show && shown) {
            rows.getItems().remove(runs);
        }
    }

    /** Where the dividers are: the two between the columns, then the one above the runs. */
    public double[] dividers() {
        double[] between = columns.getDividerPositions();
        return new double[] {between[0], between[1], runsDivider};
    }

    /** Puts the dividers back where {@link #dividers()} said they were; values out of range are ignored. */
    public void restoreDividers(double[] positions) {
        if (positions.length == 3 && Arrays.stream(positions).allMatch(p -> p > 0.05 && p < 0.95)
                && positions[0] < positions[1]) {
            columns.setDividerPositions(positions[0], positions[1]);
            runsDivider = positions[2];
        }
    }

    /** Changes whenever any run changes state, so that Stop knows when to be enabled. */
    private final IntegerProperty runStates = new SimpleIntegerProperty();

    private HBox toolbar(Runnable showAbout) {
        workspace.runs().addListener((ListChangeListener<RunSession>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(session -> session.stateProperty().addListener(
                        (obs, old, now) -> runStates.set(runStates.get() + 1)));
            }
            runStates.set(runStates.get() + 1);
        });
        Button newProfile = button("New", "fth-file-plus", "New profile (Ctrl+N)", files::newProfile);
        Button open = button("Open…", "fth-folder", "Open a profile file (Ctrl+O)", files::openFile);
        Button save = button("Save", "fth-save", "Save (Ctrl+S)", files::save);
        save.setId("save");
        // a file that cannot be opened leaves nothing to save: the editor behind it is empty
        var broken = workspace.brokenFileProperty().isNotEmpty();
        save.disableProperty().bind(broken);
        // Save as, Import and Add to menu are in the More menu: the bar keeps room for running and learning
        Button learnButton = button("Learn…", "fth-zap", "Learn a profile: run the command confined, round after round, "
                + "and add the rules its denials need (Ctrl+L)", this::learn);
        learnButton.setId("learn-profile");
        learnButton.disableProperty().bind(Bindings.isNotEmpty(workspace.runBlockedProperty()));
        Button lessons = button("Lessons", "fth-book-open", "Learn Landlock: short lessons checked on this kernel",
                () -> workspace.lessons().showingProperty().set(!workspace.lessons().showingProperty().get()));
        lessons.setId("lessons");
        Button run = button("Run", "fth-play", "Run the profile in its sandbox (Ctrl+R)", this::run);
        run.setId("run");
        run.getStyleClass().addAll(Styles.SUCCESS, Styles.BUTTON_OUTLINED);
        run.disableProperty().bind(Bindings.isNotEmpty(workspace.runBlockedProperty()));
        Button stop = button("Stop", "fth-square", "SIGTERM, then SIGKILL after 5 s (Ctrl+.)", workspace::stop);
        stop.setId("stop");
        stop.getStyleClass().addAll(Styles.DANGER, Styles.BUTTON_OUTLINED);
        stop.disableProperty().bind(Bindings.createBooleanBinding(() ->
                workspace.activeRunProperty().get() == null || !workspace.activeRunProperty().get().isActive(),
                workspace.activeRunProperty(), runStates));
        CheckBox terminal = new CheckBox("Terminal");
        terminal.setId("terminal-mode");
        terminal.selectedProperty().bindBidirectional(workspace.terminalProperty());
        Forms.tip(terminal, "Run on a pseudo-terminal: output is live, line by line and in colour. "
                + "Off: pipes, with standard error shown apart in red.");
        // the run controls come before the rarer file commands, which go to the overflow menu first
        ToolBar main = new ToolBar(newProfile, open, save, new Separator(Orientation.VERTICAL), whyNot(run),
                stop, terminal, traceToggle(), new Separator(Orientation.VERTICAL), lessons, learnButton);
        main.setId("toolbar");
        main.setMinWidth(0);
        HBox.setHgrow(main, Priority.ALWAYS);

        Button theme = button("", "fth-moon", "Light or dark theme", toggleTheme);
        theme.setId("theme");
        Button help = button("", "fth-help-circle", "Help (F1)", this::showHelp);
        help.setId("help");
        Button about = button("", "fth-info", "About Paddock", showAbout);
        about.setId("about");
        MenuButton more = new MenuButton("", Forms.icon("fth-menu"));
        more.setId("main-menu");
        Forms.tip(more, "More: undo and redo, save as, import, add to the applications menu, close runs, quit");
        // shortcuts are in the items' text, not accelerators: the window's own take them, also in text fields
        MenuItem undo = item("Undo (Ctrl+Z)", workspace.editor()::undo);
        undo.disableProperty().bind(workspace.editor().canUndoProperty().not());
        MenuItem redo = item("Redo (Ctrl+Shift+Z)", workspace.editor()::redo);
        redo.disableProperty().bind(workspace.editor().canRedoProperty().not());
        MenuItem closeRun = item("Close the run tab (Ctrl+W)", this::closeRun);
        closeRun.disableProperty().bind(workspace.activeRunProperty().isNull());
        MenuItem learn = item("Learn a profile… (Ctrl+L)", this::learn);
        learn.setId("learn");
        learn.disableProperty().bind(Bindings.isNotEmpty(workspace.runBlockedProperty()));
        more.getItems().addAll(undo, redo, new SeparatorMenuItem(), learn, new SeparatorMenuItem(),
                disabledWhen(item("Save as…", files::saveAs), broken),
                item("Import a landrun line…", files::importLandrun),
                disabledWhen(item("Add to the applications menu", files::addToMenu), broken), new SeparatorMenuItem(),
                closeRun,
                item("Close finished runs", workspace::closeFinishedRuns),
                new SeparatorMenuItem(), item("Quit (Ctrl+Q)", this::quit));
        more.getStyleClass().addAll(Styles.FLAT, "no-arrow");
        for (Button flat : new Button[] {theme, help, about}) {
            flat.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        }
        // never in the overflow menu: the window's own controls stay where they are at any width
        HBox pinned = new HBox(2, more, theme, help, about);
        pinned.setAlignment(Pos.CENTER_RIGHT);
        pinned.setMinWidth(Region.USE_PREF_SIZE);
        pinned.getStyleClass().add("toolbar-pinned");
        HBox bar = new HBox(main, pinned);
        bar.getStyleClass().add("main-toolbar");
        return bar;
    }

    /** Trace, beside Run: the next runs show what they tried, and why each denial happened, in their Accesses. */
    private CheckBox traceToggle() {
        CheckBox trace = new CheckBox("Trace");
        trace.setId("trace-mode");
        trace.selectedProperty().bindBidirectional(workspace.traceProperty());
        Forms.tip(trace, "Trace the run: its tab gets an Accesses view of every file and network access the program "
                + "tries, with the verdict of this profile, why each denial happened and the rule that allows it.");
        return trace;
    }

    /**
     * The Run button in a holder that explains, on hover, why it is off: a disabled control shows no tooltip of its
     * own, and a grey Run without a reason was taken for a broken button.
     */
    private Node whyNot(Button run) {
        StackPane holder = new StackPane(run);
        holder.setId("run-holder");
        Tooltip reason = new Tooltip();
        reason.setWrapText(true);
        reason.setMaxWidth(420);
        reason.setShowDelay(Duration.millis(300));
        reason.textProperty().bind(Bindings.concat("Run is off: ", workspace.runBlockedProperty()));
        Runnable install = () -> {
            if (workspace.runBlockedProperty().get().isEmpty()) {
                Tooltip.uninstall(holder, reason);
            } else {
                Tooltip.install(holder, reason);
            }
        };
        workspace.runBlockedProperty().addListener((obs, old, now) -> install.run());
        install.run();
        return holder;
    }

    private static MenuItem item(String text, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setOnAction(e -> action.run());
        return item;
    }

    /** Shown only when this kernel has no usable Landlock: what is wrong and what to do. */
    private Node landlockBanner() {
        var support = workspace.kernel();
        Label banner = new Label(support.available() ? ""
                : "Landlock is not available, so nothing can be sandboxed here: " + support.unavailableReason()
                + ". Runs need your explicit consent and are not confined.");
        banner.setId("landlock-banner");
        banner.setWrapText(true);
        banner.setMaxWidth(Double.MAX_VALUE);
        banner.getStyleClass().addAll("banner", Styles.DANGER);
        banner.setVisible(!support.available());
        banner.setManaged(!support.available());
        return banner;
    }

    private static Button button(String text, String icon, String tip, Runnable action) {
        Button button = new Button(text, Forms.icon(icon));
        Forms.tip(button, tip);
        button.setOnAction(e -> action.run());
        return button;
    }

    private void installShortcuts(Runnable showAbout) {
        var accelerators = getScene().getAccelerators();
        accelerators.put(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN), files::newProfile);
        accelerators.put(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN), files::openFile);
        accelerators.put(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN), files::save);
        accelerators.put(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN), this::run);
        accelerators.put(new KeyCodeCombination(KeyCode.PERIOD, KeyCombination.SHORTCUT_DOWN), workspace::stop);
        accelerators.put(new KeyCodeCombination(KeyCode.F1), this::showHelp);
        accelerators.put(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN), this::quit);
        accelerators.put(new KeyCodeCombination(KeyCode.W, KeyCombination.SHORTCUT_DOWN), this::closeRun);
        accelerators.put(new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN), this::learn);
        getScene().addEventFilter(KeyEvent.KEY_PRESSED, this::undoKeys);
    }

    private static final KeyCombination UNDO = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination REDO = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);
    private static final KeyCombination REDO_Y = new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN);

    /**
     * Ctrl+Z and Ctrl+Shift+Z (or Ctrl+Y) undo and redo the editor's steps, in its text fields too, before a field
     * takes them for its own undo: one history for the whole profile, so that Ctrl+Z after changing a mode undoes the
     * mode. Text fields outside the editor (search, standard input) keep their own.
     */
    private void undoKeys(KeyEvent key) {
        boolean redo = REDO.match(key) || REDO_Y.match(key);
        if (!redo && !UNDO.match(key)) {
            return;
        }
        Node focus = getScene().getFocusOwner();
        boolean ownText = focus instanceof TextInputControl && !isInside(focus, editor);
        if (ownText || !workspace.brokenFileProperty().get().isEmpty()) {
            return;
        }
        if (redo) {
            workspace.editor().redo();
        } else {
            workspace.editor().undo();
        }
        key.consume();
    }

    private static boolean isInside(Node node, Node ancestor) {
        for (Node at = node; at != null; at = at.getParent()) {
            if (at == ancestor) {
                return true;
            }
        }
        return false;
    }

    /** Ctrl+Q: as closing the window, which asks about unsaved changes first. */
    private void quit() {
        Window window = getScene().getWindow();
        WindowEvent request = new WindowEvent(window,
                WindowEvent.WINDOW_CLOSE_REQUEST);
        if (window.getOnCloseRequest() != null) {
            window.getOnCloseRequest().handle(request);
        } else if (!confirmDiscard()) {
            request.consume();
        }
        if (!request.isConsumed()) {
            window.hide();
        }
    }

    /** Ctrl+W: closes the run tab in front, stopping its run. */
    private void closeRun() {
        if (workspace.activeRunProperty().get() != null) {
            workspace.closeRun(workspace.activeRunProperty().get());
        }
    }

    /** Asks about unsaved changes; returns false if the user cancels. */
    public boolean confirmDiscard() {
        return files.confirmDiscard();
    }

    private void run() {
        if (!workspace.runBlockedProperty().get().isEmpty() || !workspace.wouldRunUnsandboxed()) {
            workspace.run();
            return;
        }
        var report = workspace.insight().reportNow();
        if (Dialogs.confirmDanger(getScene().getWindow(), "Run WITHOUT a sandbox?",
                "Landlock would restrict nothing for this run: " + String.join("; ", report.unenforced())
                        + ". The command would have every right its user has.", "Run unsandboxed")) {
            workspace.run(true);
        }
    }

    private static MenuItem disabledWhen(MenuItem item, ObservableBooleanValue condition) {
        item.disableProperty().bind(condition);
        return item;
    }

    /** The learning wizard for the editor's command; "Use this profile" puts its result into the editor. */
    private void learn() {
        if (workspace.runBlockedProperty().get().isEmpty()) {
            new LearnWizard(new LearnModel(workspace.editor())).show(getScene().getWindow());
        }
    }

    private void showHelp() {
        showHelp(null);
    }

    /** Opens the Help tab (at a right's entry when one is named), in the place of the lessons if they show. */
    private void showHelp(String rightId) {
        SplitPane.Divider last = columns.getDividers().get(columns.getDividers().size() - 1);
        if (last.getPosition() > 0.95) {
            last.setPosition(0.62);
        }
        workspace.lessons().showingProperty().set(false);
        insight.showHelp(rightId);
    }

    public SplitPane rows() {
        return rows;
    }
}
