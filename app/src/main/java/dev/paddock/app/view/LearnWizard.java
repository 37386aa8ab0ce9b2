package dev.paddock.app.view;

import atlantafx.base.theme.Styles;
import dev.paddock.app.model.LearnModel;
import dev.paddock.app.model.LearnModel.Choice;
import dev.paddock.app.model.LearnModel.RoundRow;
import dev.paddock.app.model.LearnModel.State;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * "Learn a profile": a window over {@link LearnModel}. The set-up on top (where to start, folder or tight rules, the
 * round limit and timeout, the unconfined first run behind a warning), the rounds on the left, the last round's
 * proposed rules with their reasons and ticks on the right, its output below, and the buttons that drive the model.
 */
final class LearnWizard extends Stage {
    private final LearnModel model;

    LearnWizard(LearnModel model) {
        this.model = model;
        setTitle("Learn a profile");
        initModality(Modality.WINDOW_MODAL);
        Label title = new Label("Learn a profile for");
        title.getStyleClass().add(Styles.TITLE_4);
        Label command = new Label(model.command());
        command.setId("learn-command");
        command.getStyleClass().add("code");
        command.setMinWidth(0);
        // a long command gives way, never the title: both shrank, and the title was cut to "Le…" first
        title.setMinWidth(Region.USE_PREF_SIZE);
        command.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
        Forms.tip(command, model.command());
        HBox header = new HBox(8, title, command);
        header.setAlignment(Pos.BASELINE_LEFT);
        Label intro = new Label("Each round runs the program confined and traced. Paddock proposes the smallest rule "
                + "for each access that was denied, with the reason; untick what the program should not get.");
        intro.setWrapText(true);
        intro.getStyleClass().add(Styles.TEXT_MUTED);
        intro.setMinHeight(Region.USE_PREF_SIZE);

        SplitPane middle = new SplitPane(titled("Rounds", rounds()), titled("Proposed rules", rules()));
        middle.setDividerPositions(0.3);
        middle.setId("learn-split");
        VBox.setVgrow(middle, Priority.ALWAYS);
        TextArea output = new TextArea();
        output.setId("learn-output");
        output.setEditable(false);
        output.setPrefRowCount(4);
        output.getStyleClass().add("code");
        output.setPromptText("The end of what the program printed in the last round shows here.");
        output.textProperty().bind(model.outputProperty());
        output.textProperty().addListener((obs, old, now) -> output.positionCaret(now.length()));
        Label status = new Label();
        status.setId("learn-status");
        status.setWrapText(true);
        status.setMinHeight(Region.USE_PREF_SIZE);
        status.textProperty().bind(model.statusProperty());
        status.getStyleClass().add("learn-status");
        model.stateProperty().addListener((obs, old, now) -> {
            status.getStyleClass().removeAll(Styles.DANGER, Styles.SUCCESS);
            if (now == State.FAILED) {
                status.getStyleClass().add(Styles.DANGER);
            }
        });

        middle.setMinHeight(120);
        VBox outputBox = titled("Output of the last round", output);
        outputBox.setMinHeight(Region.USE_PREF_SIZE); // the rounds and rules give way, never the output
        VBox root = new VBox(10, header, intro, setup(), middle, outputBox, status, buttons());
        root.getStyleClass().addAll("pane-padding", "learn-wizard");
        root.setPrefSize(900, 600);
        Scene scene = new Scene(root);
        scene.addEventHandler(KeyEvent.KEY_PRESSED, key -> {
            if (key.getCode() == KeyCode.ESCAPE) {
                hide();
            }
        });
        setScene(scene);
        // closing the window stops a round that runs: nothing is left behind
        setOnHidden(e -> model.cancel());
    }

    private Node setup() {
        RadioButton minimal = new RadioButton("only the program and its libraries");
        minimal.setId("learn-from-minimal");
        RadioButton editor = new RadioButton("the rules in the editor");
        editor.setId("learn-from-editor");
        either(editor, minimal, model.fromEditorProperty());
        RadioButton folders = new RadioButton("folder rules");
        folders.setId("learn-folders");
        RadioButton tight = new RadioButton("tight rules (files)");
        tight.setId("learn-tight");
        either(folders, tight, model.foldersProperty());
        Forms.tip(folders, "Three or more files of one folder, and files of a library folder, become one rule on "
                + "the folder, as a person would write them. Never /, /etc, /dev, /proc, /sys, /tmp or your home.");
        Forms.tip(tight, "One rule per file or folder the program needed: the least access, and more rules.");

        Spinner<Integer> limit = new Spinner<>(1, 50, model.roundLimitProperty().get());
        limit.setId("learn-round-limit");
        limit.setPrefWidth(80);
        limit.valueProperty().addListener((obs, old, now) -> model.roundLimitProperty().set(now));
        TextField timeout = new TextField();
        timeout.setId("learn-timeout");
        timeout.setPromptText("none");
        timeout.setPrefColumnCount(4);
        timeout.textProperty().bindBidirectional(model.timeoutProperty());
        Forms.tip(timeout, "Seconds after which each run is stopped, for a server that never exits: a run that "
                + "lasts until then counts as a success.");

        CheckBox unconfined = new CheckBox("First run unconfined…");
        unconfined.setId("learn-unconfined");
        unconfined.selectedProperty().addListener((obs, old, now) -> {
            if (now && !model.unconfinedProperty().get()) {
                if (confirmUnconfined()) {
                    model.unconfinedProperty().set(true);
                } else {
                    unconfined.setSelected(false);
                }
            } else if (!now) {
                model.unconfinedProperty().set(false);
            }
        });
        Forms.tip(unconfined, "One run with NOTHING restricted, traced, whose accesses become the rules; the "
                + "confined rounds then check them. Only for programs you trust.");

        var started = model.stateProperty().isNotEqualTo(State.READY)
                .and(model.stateProperty().isNotEqualTo(State.FAILED));
        for (Node fixed : new Node[] {minimal, editor, limit, timeout, unconfined}) {
            fixed.disableProperty().bind(started);
        }
        var running = model.stateProperty().isEqualTo(State.RUNNING);
        folders.disableProperty().bind(running);
        tight.disableProperty().bind(running);

        FlowPane pane = new FlowPane(18, 8, group("Start from", minimal, editor), group("Propose", folders, tight),
                group("Rounds", limit), group("Stop each run after", timeout, new Label("s")), unconfined);
        pane.setId("learn-setup");
        return pane;
    }

    /** Two radio buttons for a yes or no: {@code yes} selected is {@code property} true. */
    private static void either(RadioButton yes, RadioButton no, BooleanProperty property) {
        ToggleGroup group = new ToggleGroup();
        yes.setToggleGroup(group);
        no.setToggleGroup(group);
        (property.get() ? yes : no).setSelected(true);
        yes.selectedProperty().bindBidirectional(property);
    }

    private static HBox group(String label, Node... controls) {
        Label text = new Label(label);
        text.getStyleClass().add("form-label");
        HBox box = new HBox(8, text);
        box.getChildren().addAll(controls);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private boolean confirmUnconfined() {
        return Dialogs.confirmDanger(this, "Run the program with NOTHING restricted?",
                "The first run of " + model.command() + " would have every right your user has: it could read, "
                        + "change or delete any of your files and reach the network. Paddock only watches what it "
                        + "does, to propose the rules; the rounds after it are confined. Use this only for programs "
                        + "you trust.", "Run it unconfined first");
    }

    private Node rounds() {
        ListView<RoundRow> list = new ListView<>(model.rounds());
        list.setId("learn-rounds");
        list.setPlaceholder(new Label("No round has run yet."));
        list.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(RoundRow row, boolean empty) {
                super.updateItem(row, empty);
                setText(empty || row == null ? null : row.title() + "\n" + row.details());
            }
        });
        model.rounds().addListener((ListChangeListener<RoundRow>) c ->
                list.scrollTo(model.rounds().size() - 1));
        return list;
    }

    private Node rules() {
        ListView<Choice> list = new ListView<>(model.proposed());
        list.setId("learn-rules");
        list.setPlaceholder(new Label("The rules a round proposes show here."));
        list.setCellFactory(view -> new RuleCell());
        return list;
    }

    /** A proposed rule: its tick and flag, then why, then a warning when it grants far more than it seems to. */
    private static final class RuleCell extends ListCell<Choice> {
        private final CheckBox tick = new CheckBox();
        private final Label reason = new Label();
        private final Label warning = new Label();
        private final VBox box = new VBox(2, tick, reason, warning);
        private Choice bound;

        RuleCell() {
            tick.getStyleClass().add("code");
            reason.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            reason.setWrapText(true);
            warning.getStyleClass().addAll(Styles.DANGER, Styles.TEXT_SMALL);
            warning.setWrapText(true);
            for (Label label : new Label[] {reason, warning}) {
                label.setMinWidth(0);
                // as tall as its wrapped lines: a lint finding is a long sentence
                label.setMinHeight(Region.USE_PREF_SIZE);
                label.setPadding(new Insets(0, 0, 0, 26));
            }
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(Choice choice, boolean empty) {
            super.updateItem(choice, empty);
            if (bound != null) {
                tick.selectedProperty().unbindBidirectional(bound.acceptedProperty());
                bound = null;
            }
            if (empty || choice == null) {
                setGraphic(null);
                return;
            }
            bound = choice;
            tick.setText(choice.rule().flag());
            tick.selectedProperty().bindBidirectional(choice.acceptedProperty());
            reason.setText((choice.leftOutBefore() ? "You left this out before. " : "") + choice.reason());
            String danger = choice.rule().warning();
            warning.setText(danger == null ? "" : (choice.rule().lintError() ? "Lint error, so unticked: "
                    : "Warning: ") + danger);
            warning.setVisible(danger != null);
            warning.setManaged(danger != null);
            setGraphic(box);
        }
    }

    private Node buttons() {
        Button next = new Button();
        next.setId("learn-next");
        next.getStyleClass().add(Styles.ACCENT);
        next.setDefaultButton(true);
        next.textProperty().bind(Bindings.createStringBinding(() -> switch (model.stateProperty().get()) {
            case READY, FAILED -> "Start learning";
            case RUNNING -> "Running…";
            case CHOOSING -> "Apply and run the next round";
            case PAUSED -> "Run the round again";
            case FINISHED -> "Finished";
        }, model.stateProperty()));
        next.disableProperty().bind(model.stateProperty().isEqualTo(State.RUNNING)
                .or(model.stateProperty().isEqualTo(State.FINISHED)));
        next.setOnAction(e -> {
            State now = model.stateProperty().get();
            if (now == State.READY || now == State.FAILED) {
                model.start();
            } else {
                model.next();
            }
        });
        Button cancel = new Button("Cancel the round");
        cancel.setId("learn-cancel");
        cancel.disableProperty().bind(model.stateProperty().isNotEqualTo(State.RUNNING));
        Forms.tip(cancel, "Ends every process of the running round; nothing is learned from it.");
        cancel.setOnAction(e -> model.cancel());
        Button use = new Button("Use this profile");
        use.setId("learn-use");
        use.getStyleClass().add(Styles.SUCCESS);
        use.disableProperty().bind(Bindings.createBooleanBinding(() -> !model.canUse(), model.canUseProperty()));
        Forms.tip(use, "Puts the rules learned so far, with those ticked now, into the editor; Undo takes them back.");
        use.setOnAction(e -> {
            if (model.use()) {
                hide();
            }
        });
        Button close = new Button("Close");
        close.setId("learn-close");
        close.setCancelButton(true);
        close.setOnAction(e -> hide());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox box = new HBox(8, cancel, gap, close, use, next);
        box.setAlignment(Pos.CENTER_RIGHT);
        return box;
    }

    private static VBox titled(String title, Node content) {
        Label label = new Label(title);
        label.getStyleClass().add("form-label");
        VBox box = new VBox(4, label, content);
        VBox.setVgrow(content, Priority.ALWAYS);
        box.setMinHeight(0);
        return box;
    }

    void show(Window owner) {
        initOwner(owner);
        getScene().getStylesheets().setAll(owner.getScene().getStylesheets());
        double width = Math.min(900, owner.getWidth() * 0.92);
        double height = Math.min(620, owner.getHeight() * 0.9);
        ((Region) getScene().getRoot()).setPrefSize(width, height);
        setOnShown(e -> {
            setX(owner.getX() + (owner.getWidth() - getWidth()) / 2);
            setY(owner.getY() + (owner.getHeight() - getHeight()) / 2);
        });
        show();
        sizeToScene();
    }
}
