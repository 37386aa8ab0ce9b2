package dev.paddock.app.view;

import atlantafx.base.theme.Styles;
import dev.paddock.app.console.ConsoleView;
import dev.paddock.app.model.Prediction;
import dev.paddock.app.model.RunSession;
import dev.paddock.app.model.Workspace;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/**
 * The runs at the bottom: a tab per run, each a live console with its status, stdin, and output tools. The tabs follow
 * the workspace's runs: a run closed anywhere (its tab's cross, Ctrl+W, "Close finished runs") loses its tab here.
 */
final class RunPane extends BorderPane {
    private final TabPane tabs = new TabPane();
    private final Map<RunSession, Tab> tabOf = new HashMap<>();

    private final Runnable help;

    /** The runs' tabs; {@code help} shows the help on rights (from a traced run's Explain). */
    RunPane(Workspace workspace, Runnable help) {
        this.help = help;
        setId("runs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.ALL_TABS);
        tabs.getStyleClass().add(Styles.DENSE);
        setCenter(tabs);
        workspace.runs().addListener((ListChangeListener<RunSession>) change -> {
            while (change.next()) {
                change.getRemoved().forEach(session -> {
                    Tab tab = tabOf.remove(session);
                    if (tab != null) {
                        ((ConsoleView) tab.getProperties().get(ConsoleView.class)).stop();
                        tabs.getTabs().remove(tab);
                    }
                });
                change.getAddedSubList().forEach(session -> {
                    Tab tab = tabFor(session, workspace);
                    tabOf.put(session, tab);
                    tabs.getTabs().add(tab);
                    tabs.getSelectionModel().select(tab);
                });
            }
        });
        tabs.getSelectionModel().selectedItemProperty().addListener((obs, old, tab) -> {
            if (tab != null) {
                workspace.selectRun((RunSession) tab.getUserData());
            }
        });
    }

    private Tab tabFor(RunSession session, Workspace workspace) {
        ConsoleView console = new ConsoleView();
        console.setId("console");
        console.attach(session.output());

        Label status = new Label();
        status.setId("run-status");
        status.textProperty().bind(session.statusProperty());
        status.setGraphic(Forms.icon("fth-clock"));
        Label report = new Label();
        report.setId("run-report");
        report.getStyleClass().add("text-muted");
        report.textProperty().bind(Bindings.createStringBinding(() -> session.reportProperty().get() == null ? ""
                : Prediction.words(session.reportProperty().get()), session.reportProperty()));
        var ended = Bindings.createBooleanBinding(() -> !session.isActive(), session.stateProperty());
        Button stop = new Button("Stop", Forms.icon("fth-square"));
        stop.setId("stop-run");
        stop.getStyleClass().add(Styles.DANGER);
        stop.setOnAction(e -> session.stop());
        stop.disableProperty().bind(Bindings.createBooleanBinding(() -> session.stateProperty().get()
                != RunSession.State.RUNNING, session.stateProperty()));
        // where Stop was, once the run has ended: the finished runs go together
        Button closeFinished = new Button("Close finished", Forms.icon("fth-x-square"));
        closeFinished.setId("close-finished");
        Forms.tip(closeFinished, "Close the tabs of every run that has ended; running ones stay");
        closeFinished.setOnAction(e -> workspace.closeFinishedRuns());
        stop.visibleProperty().bind(ended.not());
        stop.managedProperty().bind(stop.visibleProperty());
        closeFinished.visibleProperty().bind(ended);
        closeFinished.managedProperty().bind(ended);
        Button clear = new Button("Clear", Forms.icon("fth-trash"));
        clear.setOnAction(e -> console.clear());
        Button copy = new Button("Copy", Forms.icon("fth-copy"));
        copy.setId("copy-output");
        copy.setOnAction(e -> Forms.copy(copy, console.text()));
        Button save = new Button("Save…", Forms.icon("fth-download"));
        save.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setInitialFileName(session.title().replaceAll("[^A-Za-z0-9._-]+", "-") + ".log");
            File file = chooser.showSaveDialog(getScene().getWindow());
            if (file != null) {
                try {
                    Files.writeString(file.toPath(), console.text(), StandardCharsets.UTF_8);
                } catch (IOException ex) {
                    console.note("[paddock] cannot save: " + ex.getMessage());
                }
            }
        });
        for (Button button : new Button[] {clear, copy, save}) {
            button.getStyleClass().add(Styles.FLAT);
        }
        for (Button button : new Button[] {clear, copy, save, stop, closeFinished}) {
            button.setMinWidth(Region.USE_PREF_SIZE);
        }
        status.setMinWidth(Region.USE_PREF_SIZE);

        TextField input = new TextField();
        input.setId("stdin");
        input.setPromptText("Standard input: type a line, press Enter");
        input.setOnAction(e -> {
            session.send(input.getText());
            input.clear();
        });
        input.disableProperty().bind(stop.disableProperty());
        input.setMinWidth(120);
        HBox.setHgrow(input, Priority.ALWAYS);
        // one line under the output for everything else, so that the output keeps the height of the pane
        HBox tools = new HBox(10, status, report, input, clear, copy, save, stop, closeFinished);
        tools.getStyleClass().add("run-toolbar");

        BorderPane content = new BorderPane(console, null, null, tools, null);
        if (session.accesses() != null) {
            RunViews.install(content, console, tools, session.accesses(), workspace, help);
        }
        Tab tab = new Tab(session.title(), content);
        tab.setUserData(session);
        tab.getProperties().put(ConsoleView.class, console);
        // the cross has already taken the tab away; the workspace then forgets the run, and stops it
        tab.setOnClosed(e -> workspace.closeRun(session));
        MenuItem close = new MenuItem("Close (Ctrl+W)");
        close.setOnAction(e -> workspace.closeRun(session));
        MenuItem finished = new MenuItem("Close finished runs");
        finished.setOnAction(e -> workspace.closeFinishedRuns());
        tab.setContextMenu(new ContextMenu(close, finished));
        Runnable icon = () -> tab.setGraphic(Forms.icon(session.isActive() ? "fth-terminal"
                : session.succeeded() ? "fth-check-circle" : "fth-x-circle"));
        session.stateProperty().addListener((obs, old, now) -> icon.run());
        icon.run(); // a run that could not start has ended already
        return tab;
    }
}
