package dev.paddock.app.view;

import atlantafx.base.theme.Styles;
import dev.paddock.app.model.EditorModel;
import dev.paddock.app.model.EnvRow;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.CheckBoxTableCell;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.util.converter.DefaultStringConverter;

import java.io.File;
import java.util.List;

/** The command: program, arguments, working directory and environment. */
final class CommandSection extends VBox {

    CommandSection(EditorModel model) {
        TextField program = new TextField();
        program.setId("program");
        // prompts say what goes in a field, in words: a grey /usr/bin/python3 was taken for a value
        program.setPromptText("the program to run, e.g. /usr/bin/python3");
        program.textProperty().bindBidirectional(model.programProperty());
        Button chooseProgram = new Button("", Forms.icon("fth-file"));
        Forms.tip(chooseProgram, "Choose the program");
        chooseProgram.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Program to run");
            chooser.setInitialDirectory(new File("/usr/bin"));
            File file = chooser.showOpenDialog(getScene().getWindow());
            if (file != null) {
                model.programProperty().set(file.getAbsolutePath());
            }
        });
        HBox.setHgrow(program, Priority.ALWAYS);

        TextField arguments = new TextField();
        arguments.setId("arguments");
        arguments.setPromptText("its arguments, e.g. -m http.server 8000 (quoted as in a shell)");
        arguments.textProperty().bindBidirectional(model.argumentsProperty());

        TextField directory = new TextField();
        directory.setId("working-directory");
        directory.setPromptText("none: the folder Paddock runs in; ${HOME} and ${PWD} work here");
        directory.textProperty().bindBidirectional(model.workingDirectoryProperty());
        Button chooseDirectory = new Button("", Forms.icon("fth-folder"));
        Forms.tip(chooseDirectory, "Choose the working directory");
        chooseDirectory.setOnAction(e -> {
            File dir = new DirectoryChooser().showDialog(getScene().getWindow());
            if (dir != null) {
                model.workingDirectoryProperty().set(dir.getAbsolutePath());
            }
        });
        HBox.setHgrow(directory, Priority.ALWAYS);

        var grid = Forms.grid();
        Label noProgram = new Label("No program yet: Run stays off until there is one.");
        noProgram.setId("no-program");
        noProgram.getStyleClass().addAll(Styles.WARNING, Styles.TEXT_SMALL);
        noProgram.visibleProperty().bind(Bindings.createBooleanBinding(() -> model.programProperty().get().isBlank(),
                model.programProperty()));
        noProgram.managedProperty().bind(noProgram.visibleProperty());
        Forms.row(grid, "Program", new VBox(4, new HBox(6, program, chooseProgram), noProgram));
        Forms.row(grid, "Arguments", arguments);
        Forms.row(grid, "Working directory", new HBox(6, directory, chooseDirectory));

        VBox environment = environment(model);
        VBox section = Forms.section("Command", "What runs inside the sandbox. The program itself must be "
                + "allowed to execute: give its folder rox, or turn on add-exec.", grid, environment);
        VBox.setVgrow(environment, Priority.ALWAYS);
        VBox.setVgrow(section, Priority.ALWAYS);
        getChildren().add(section);
    }

    private VBox environment(EditorModel model) {
        TableView<EnvRow> table = new TableView<>(model.environment());
        table.setId("environment");
        table.setEditable(true);
        table.setPrefHeight(170);
        table.setMinHeight(130);
        VBox.setVgrow(table, Priority.ALWAYS);
        Label empty = new Label("Empty: the command gets no environment at all.");
        empty.setWrapText(true);
        empty.setPadding(new Insets(8));
        table.setPlaceholder(empty);
        table.getStyleClass().add(Styles.DENSE);
        // the columns share the width there is, so a narrow editor shows every column without a scroll bar
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);

        TableColumn<EnvRow, String> name = new TableColumn<>("Variable");
        name.setCellValueFactory(cell -> cell.getValue().nameProperty());
        name.setCellFactory(TextFieldTableCell.forTableColumn());
        name.setPrefWidth(160);
        TableColumn<EnvRow, Boolean> pass = new TableColumn<>("Pass");
        pass.setCellValueFactory(cell -> cell.getValue().passProperty());
        pass.setCellFactory(CheckBoxTableCell.forTableColumn(pass));
        pass.setPrefWidth(60);
        pass.setMinWidth(60);
        pass.setMaxWidth(60);
        // short, so that it fits a narrow editor; Pass says when the value is used
        TableColumn<EnvRow, String> value = new TableColumn<>("Value");
        value.setCellValueFactory(cell -> cell.getValue().valueProperty());
        value.setCellFactory(column -> new TextFieldTableCell<>(new DefaultStringConverter()) {
            @Override
            public void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                EnvRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
                setDisable(row != null && row.passProperty().get());
                if (row != null && row.passProperty().get()) {
                    setText(System.getenv().getOrDefault(row.nameProperty().get(), "(not set here)"));
                }
            }
        });
        value.setPrefWidth(280);
        TableColumn<EnvRow, Void> remove = new TableColumn<>("");
        remove.setCellFactory(column -> new TableCell<>() {
            private final Button button = new Button("", Forms.icon("fth-x"));

            {
                button.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
                button.setOnAction(e -> model.environment().remove(getTableRow().getItem()));
            }

            @Override
            protected void updateItem(Void item, boolean empty) {
                super.updateItem(item, empty);
                setGraphic(empty ? null : button);
            }
        });
        remove.setPrefWidth(44);
        remove.setMinWidth(44);
        remove.setMaxWidth(44);
        table.getColumns().addAll(List.of(name, pass, value, remove));

        TextField newName = new TextField();
        newName.setPromptText("NAME or NAME=value");
        newName.setId("new-variable");
        Button add = new Button("Add", Forms.icon("fth-plus"));
        add.setOnAction(e -> {
            String text = newName.getText().strip();
            if (!text.isEmpty()) {
                int eq = text.indexOf('=');
                model.environment().add(eq < 0 ? new EnvRow(text, true, "")
                        : new EnvRow(text.substring(0, eq), false, text.substring(eq + 1)));
                newName.clear();
            }
        });
        newName.setOnAction(add.getOnAction());
        Button common = new Button("Pass PATH, HOME, LANG, TERM");
        common.setOnAction(e -> model.passCommonEnvironment());
        Forms.tip(common, "The variables most programs expect, with their values from Paddock's own "
                + "environment.");
        HBox tools = new HBox(8, newName, add, common);
        HBox.setHgrow(newName, Priority.ALWAYS);
        var heading = new Label("Environment");
        heading.getStyleClass().add("form-label");
        var count = new Label();
        count.setId("environment-count");
        count.textProperty().bind(Bindings.createStringBinding(() -> model.environment().size()
                + (model.environment().size() == 1 ? " variable" : " variables"), model.environment()));
        count.getStyleClass().add("text-muted");
        return new VBox(8, new HBox(8, heading, count), table, tools);
    }
}
