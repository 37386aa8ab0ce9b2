package dev.paddock.app.view;

import atlantafx.base.theme.Styles;
import dev.paddock.app.model.EditorModel;
import dev.paddock.app.model.KernelModel;
import dev.paddock.app.model.PathRow;
import dev.paddock.core.policy.AccessMode;
import dev.paddock.core.policy.PathAccess;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.CheckBoxTableCell;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.util.converter.DefaultStringConverter;

import java.io.File;
import java.util.List;

/**
 * The path rules: path, mode (or custom rights), whether the path is a file, a folder or missing, whether its
 * denials are quiet, whether it is optional (skipped when missing), and remove.
 * Files and folders dropped from a file manager become read-only rules.
 */
final class PathRulesTable extends TableView<PathRow> {
    /** What the mode box offers; null stands for "custom…". */
    private static final List<AccessMode> MODES = List.of(AccessMode.values());

    PathRulesTable(EditorModel model, KernelModel support) {
        super(model.paths());
        setId("path-rules");
        setEditable(true);
        getStyleClass().add(Styles.DENSE);
        setPlaceholder(new Label("No paths: everything on disk is denied, even running the program. "
                + "Add a preset or drop a folder here."));
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);

        TableColumn<PathRow, String> path = new TableColumn<>("Path");
        path.setCellValueFactory(cell -> cell.getValue().pathProperty());
        path.setCellFactory(column -> new PathCell(model.paths()));
        path.setPrefWidth(240);

        TableColumn<PathRow, PathAccess> access = new TableColumn<>("Access");
        access.setCellValueFactory(cell -> cell.getValue().accessProperty());
        access.setCellFactory(column -> new AccessCell(support));
        access.setPrefWidth(142);
        access.setMinWidth(142);
        access.setMaxWidth(142);

        TableColumn<PathRow, String> kind = new TableColumn<>("Is");
        kind.setCellValueFactory(cell -> cell.getValue().pathProperty());
        kind.setCellFactory(column -> new KindCell(model));
        kind.setPrefWidth(100);
        kind.setMinWidth(100);
        kind.setMaxWidth(100);

        TableColumn<PathRow, Boolean> quiet = new TableColumn<>("Quiet");
        quiet.setId("quiet-column");
        quiet.setCellValueFactory(cell -> cell.getValue().quietProperty());
        quiet.setCellFactory(CheckBoxTableCell.forTableColumn(quiet));
        quiet.setEditable(true);
        quiet.setPrefWidth(68);
        quiet.setMinWidth(68);
        quiet.setMaxWidth(68);
        Label quietHeader = new Label("Quiet");
        Forms.tip(quietHeader, support.quiet().help());
        quiet.setText("");
        quietHeader.setMinWidth(Region.USE_PREF_SIZE);
        quiet.setGraphic(quietHeader);

        TableColumn<PathRow, Boolean> optional = new TableColumn<>("");
        optional.setId("optional-column");
        optional.setCellValueFactory(cell -> cell.getValue().optionalProperty());
        optional.setCellFactory(CheckBoxTableCell.forTableColumn(optional));
        optional.setEditable(true);
        optional.setPrefWidth(88);
        optional.setMinWidth(88);
        optional.setMaxWidth(88);
        Label optionalHeader = new Label("Optional");
        Forms.tip(optionalHeader, "Skip this rule when its path does not exist, instead of refusing to run.");
        optionalHeader.setMinWidth(Region.USE_PREF_SIZE);
        optional.setGraphic(optionalHeader);

        TableColumn<PathRow, Void> remove = new TableColumn<>("");
        remove.setCellFactory(column -> new TableCell<>() {
            private final Button button = new Button("", Forms.icon("fth-x"));

            {
                button.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
                Forms.tip(button, "Remove this rule");
                button.setOnAction(e -> model.paths().remove(getTableRow().getItem()));
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
        getColumns().addAll(List.of(path, access, kind, quiet, optional, remove));

        followSelection(model);

        setOnDragOver(event -> {
            if (event.getDragboard().hasFiles()) {
                event.acceptTransferModes(TransferMode.COPY, TransferMode.LINK);
            }
            event.consume();
        });
        setOnDragDropped(event -> {
            boolean done = event.getDragboard().hasFiles();
            if (done) {
                event.getDragboard().getFiles().forEach(file -> model.addPathIfAbsent(file.getAbsolutePath(),
                        AccessMode.RO));
            }
            event.setDropCompleted(done);
            event.consume();
        });
    }

    /**
     * The editor's selected rule and the table's selection are one: a rule selected from elsewhere (Allow in a run's
     * Accesses) is selected and scrolled into view here.
     */
    private void followSelection(EditorModel model) {
        Runnable reveal = () -> {
            PathRow row = model.selectedPathProperty().get();
            int index = getItems().indexOf(row);
            if (row != null && index >= 0 && getSelectionModel().getSelectedItem() != row) {
                getSelectionModel().clearAndSelect(index);
                scrollTo(index);
            }
        };
        model.selectedPathProperty().addListener((obs, old, now) -> reveal.run());
        getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.selectedPathProperty().set(now);
            }
        });
        reveal.run();
    }

    /**
     * Shows a row that was just added at the end and starts editing its path: it is scrolled into view, and what the
     * user types goes into its path field.
     */
    void editPath(PathRow row) {
        int index = getItems().indexOf(row);
        if (index < 0) {
            return;
        }
        scrollTo(index);
        getSelectionModel().clearAndSelect(index);
        requestFocus();
        layout(); // makes the row's cells now, so that there is a cell to edit
        edit(index, getColumns().get(0));
    }

    /**
     * The path, editable in place, with a button that picks a folder or a file instead. A row whose path is still
     * empty is a draft: Escape, or Enter on an empty field, removes it; leaving the field keeps what was typed.
     */
    private static final class PathCell extends TextFieldTableCell<PathRow, String> {
        private static final String PROMPT = "type a path, e.g. /etc or ${HOME}/src";
        private final MenuButton choose = new MenuButton();
        private final List<PathRow> rows;
        private boolean escaped;

        PathCell(List<PathRow> rows) {
            super(new DefaultStringConverter());
            this.rows = rows;
            choose.setGraphic(Forms.icon("fth-more-horizontal"));
            choose.getStyleClass().addAll(Styles.FLAT, Styles.SMALL, "no-arrow");
            Forms.tip(choose, "Choose a folder or a file");
            MenuItem folder = new MenuItem("Folder…");
            folder.setOnAction(e -> {
                File dir = new DirectoryChooser().showDialog(getScene().getWindow());
                if (dir != null) {
                    getTableRow().getItem().pathProperty().set(dir.getAbsolutePath());
                }
            });
            MenuItem file = new MenuItem("File…");
            file.setOnAction(e -> {
                File chosen = new FileChooser().showOpenDialog(getScene().getWindow());
                if (chosen != null) {
                    getTableRow().getItem().pathProperty().set(chosen.getAbsolutePath());
                }
            });
            choose.getItems().addAll(folder, file);
            setContentDisplay(ContentDisplay.RIGHT);
            addEventFilter(KeyEvent.KEY_PRESSED, e -> escaped = e.getCode()
                    == KeyCode.ESCAPE);
        }

        @Override
        public void startEdit() {
            escaped = false;
            super.startEdit();
            if (getGraphic() instanceof TextField field) {
                field.setPromptText(PROMPT);
            }
        }

        @Override
        public void commitEdit(String value) {
            if (value == null || value.isBlank()) {
                escaped = true;
                cancelEdit();
                return;
            }
            super.commitEdit(value.strip());
            setGraphic(choose);
        }

        @Override
        public void cancelEdit() {
            String typed = getGraphic() instanceof TextField field ? field.getText() : null;
            PathRow row = getTableRow() == null ? null : getTableRow().getItem();
            super.cancelEdit();
            setGraphic(isEmpty() ? null : choose);
            if (row == null) {
                return;
            }
            if (!escaped && typed != null && !typed.isBlank()) {
                row.pathProperty().set(typed.strip()); // the field lost the focus: keep what was typed
            } else if (row.pathProperty().get().isBlank()) {
                Platform.runLater(() -> rows.remove(row));
            }
        }

        @Override
        public void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            if (!empty && !isEditing()) {
                setGraphic(choose);
            }
        }
    }

    /** The mode box, with "custom…" opening the rights dialog. */
    private static final class AccessCell extends TableCell<PathRow, PathAccess> {
        private final ComboBox<AccessMode> box = new ComboBox<>();
        private final Button custom = new Button("", Forms.icon("fth-sliders"));
        private final KernelModel support;
        private boolean updating;

        AccessCell(KernelModel support) {
            this.support = support;
            box.getItems().setAll(MODES);
            box.setButtonCell(new ModeCell());
            box.setCellFactory(list -> new ModeCell());
            box.setPrefWidth(96);
            box.valueProperty().addListener((obs, old, now) -> {
                if (!updating && now != null && getTableRow() != null && getTableRow().getItem() != null) {
                    getTableRow().getItem().accessProperty().set(now);
                }
            });
            custom.getStyleClass().addAll(Styles.FLAT, Styles.BUTTON_ICON, "custom-rights");
            Forms.tip(custom, "Choose the exact rights, one by one");
            custom.setOnAction(e -> {
                PathRow row = getTableRow().getItem();
                new RightsDialog(row.accessProperty().get(), support, getScene().getWindow()).showAndWait()
                        .ifPresent(rights -> row.accessProperty().set(rights));
            });
        }

        @Override
        protected void updateItem(PathAccess item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                Forms.tip(this, null);
                return;
            }
            updating = true;
            box.setValue(item instanceof AccessMode mode ? mode : null);
            box.setPromptText(item instanceof AccessMode ? "" : item.label());
            updating = false;
            Forms.tip(this, item instanceof AccessMode mode ? mode.label() + ": " + mode.explanation()
                    : "custom rights: " + item.label());
            HBox content = new HBox(4, box, custom);
            content.setAlignment(Pos.CENTER_LEFT);
            setGraphic(content);
        }
    }

    private static final class ModeCell extends ListCell<AccessMode> {
        @Override
        protected void updateItem(AccessMode item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : item.label());
            Forms.tip(this, empty || item == null ? null : item.explanation());
        }
    }

    /** A badge: file, folder or missing (the profile's variables expanded as a run would). */
    private static final class KindCell extends TableCell<PathRow, String> {
        private final EditorModel model;

        KindCell(EditorModel model) {
            this.model = model;
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null || item.isBlank()) {
                setGraphic(null);
                return;
            }
            Label badge = new Label();
            badge.getStyleClass().add("kind-badge");
            EditorModel.PathCheck check = model.check(item);
            switch (check.kind()) {
                case FOLDER -> {
                    badge.setText("folder");
                    badge.setGraphic(Forms.icon("fth-folder"));
                }
                case FILE -> {
                    badge.setText("file");
                    badge.setGraphic(Forms.icon("fth-file"));
                }
                case MISSING -> {
                    badge.setText("missing");
                    badge.setGraphic(Forms.icon("fth-alert-triangle"));
                    badge.getStyleClass().add("missing");
                }
                case UNKNOWN -> {
                    badge.setText("unknown");
                    Forms.tip(badge, check.problem());
                }
            }
            setGraphic(badge);
        }
    }
}
