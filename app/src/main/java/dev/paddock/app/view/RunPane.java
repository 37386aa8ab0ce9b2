package dev.paddock.app.view;

import atlantafx.base.theme.Styles;
import dev.paddock.app.console.ConsoleView;
import dev.paddock.app.model.Prediction;
import dev.paddock.app.model.RunSession;
import dev.paddock.app.model.Workspace;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/** The runs at the bottom: a tab per run, each a live console with its status, stdin, and output tools. */
final class RunPane extends BorderPane {
    private final TabPane tabs = new TabPane();

    RunPane(Workspace workspace) {
        setId("runs");
        Label empty = new Label("Run a profile (Ctrl+R) to see its output here. Runs stay as tabs until you close "
                + "them.");
        empty.getStyleClass().add("text-muted");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.ALL_TABS);
        tabs.getStyleClass().add(Styles.DENSE);
        setCenter(empty);
        workspace.runs().addListener((ListChangeListener<RunSession>) change -> {
            while (change.next()) {
                change.getAddedSubList().forEach(session -> {
                    Tab tab = tabFor(session, workspace);
                    tabs.getTabs().add(tab);
                    tabs.getSelectionModel().select(tab);
                });
            }
            setCenter(workspace.runs().isEmpty() ? empty : tabs);
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
        report.getStyleClass().add("text-muted");
        report.textProperty().bind(Bindings.createStringBinding(() -> session.reportProperty().get() == null ? ""
                : Prediction.words(session.reportProperty().get()), session.reportProperty()));
        Button stop = new Button("Stop", Forms.icon("fth-square"));
        stop.setId("stop-run");
        stop.getStyleClass().add(Styles.DANGER);
        stop.setOnAction(e -> session.stop());
        stop.disableProperty().bind(Bindings.createBooleanBinding(() -> session.stateProperty().get()
                != RunSession.State.RUNNING, session.stateProperty()));
        Button clear = new Button("Clear", Forms.icon("fth-trash"));
        clear.setOnAction(e -> console.clear());
        Button copy = new Button("Copy", Forms.icon("fth-copy"));
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(console.text());
            Clipboard.getSystemClipboard().setContent(content);
        });
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
        for (Button button : new Button[] {clear, copy, save, stop}) {
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
        HBox tools = new HBox(10, status, report, input, clear, copy, save, stop);
        tools.getStyleClass().add("run-toolbar");

        BorderPane content = new BorderPane(console, null, null, tools, null);
        Tab tab = new Tab(session.title(), content);
        tab.setUserData(session);
        tab.setGraphic(Forms.icon("fth-terminal"));
        tab.setOnClosed(e -> {
            console.stop();
            workspace.closeRun(session);
        });
        session.stateProperty().addListener((obs, old, now) -> {
            if (now == RunSession.State.EXITED || now == RunSession.State.FAILED) {
                tab.setGraphic(Forms.icon(session.exitProperty().get() != null
                        && session.exitProperty().get().exitValue() == 0 ? "fth-check-circle" : "fth-x-circle"));
            }
        });
        return tab;
    }
}
