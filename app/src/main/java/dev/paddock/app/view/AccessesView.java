package dev.paddock.app.view;

import atlantafx.base.theme.Styles;
import dev.paddock.app.model.AccessExplanation;
import dev.paddock.app.model.AccessRow;
import dev.paddock.app.model.AccessesModel;
import dev.paddock.core.trace.Operation;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.css.PseudoClass;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A traced run's Accesses: what the program tried and the verdict, one row per distinct access with its count,
 * filtered by verdict, process, operation and path. A denied row says what was missing and offers Allow (the
 * smallest rule, put into the editor's profile) and Explain. Binds to an {@link AccessesModel}; holds no logic.
 */
final class AccessesView extends BorderPane {
    /** What the view asks of the window. */
    interface Actions {
        /** Adds the denial's smallest rule to the profile in the editor and selects it; returns what changed. */
        String allow(AccessRow denial);

        /**
         * The lint errors the rule Allow would add brings, one sentence each; Allow asks first when there are some.
         */
        default List<String> risks(AccessRow denial) {
            return List.of();
        }

        /** Runs the profile in the editor again. */
        void rerun();

        /** Shows the help on rights. */
        void help();
    }

    private final TableView<AccessRow> table = new TableView<>();
    private final Label allowed = new Label();
    private final FontIcon bannerIcon = Forms.icon("fth-check-circle");
    private final HBox banner;
    private final Actions actions;

    AccessesView(AccessesModel model, Actions actions, int kernelAbi) {
        this.actions = actions;
        setId("accesses");
        getStyleClass().add("accesses");
        ToggleButton deniedOnly = new ToggleButton("Denied only", Forms.icon("fth-x-octagon"));
        deniedOnly.setId("denied-only");
        deniedOnly.selectedProperty().bindBidirectional(model.deniedOnlyProperty());
        TextField process = filterField("accesses-process", "Process", model.processProperty().get());
        model.processProperty().bind(process.textProperty());
        process.setPrefWidth(110);
        ComboBox<Operation> operation = new ComboBox<>();
        operation.setId("accesses-operation");
        List<Operation> choices = new ArrayList<>();
        choices.add(null);
        choices.addAll(List.of(Operation.values()));
        operation.setItems(FXCollections.observableArrayList(choices));
        operation.setButtonCell(new OperationCell());
        operation.setCellFactory(list -> new OperationCell());
        operation.valueProperty().bindBidirectional(model.operationProperty());
        operation.setPrefWidth(150);
        TextField path = filterField("accesses-path", "Path or port", model.pathProperty().get());
        model.pathProperty().bind(path.textProperty());
        HBox.setHgrow(path, Priority.ALWAYS);
        Label totals = new Label();
        totals.setId("accesses-totals");
        totals.getStyleClass().add("text-muted");
        totals.setMinWidth(Region.USE_PREF_SIZE);
        totals.textProperty().bind(Bindings.createStringBinding(() -> String.format(Locale.ROOT,
                "%,d accesses · %,d distinct · %,d denied%s", model.eventsProperty().get(), model.rows().size(),
                model.deniedProperty().get(), model.droppedProperty().get() == 0 ? ""
                        : String.format(Locale.ROOT, " · %,d not kept", model.droppedProperty().get())),
                model.eventsProperty(), model.deniedProperty(), model.droppedProperty(), model.rows()));
        HBox filters = new HBox(8, deniedOnly, process, operation, path, totals);
        filters.getStyleClass().add("accesses-filters");
        filters.setAlignment(Pos.CENTER_LEFT);

        Button rerun = new Button("Run again", Forms.icon("fth-refresh-cw"));
        rerun.setId("rerun");
        rerun.getStyleClass().add(Styles.SUCCESS);
        rerun.setMinWidth(Region.USE_PREF_SIZE);
        rerun.setOnAction(e -> actions.rerun());
        allowed.setId("allowed-message");
        allowed.setWrapText(true);
        allowed.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(allowed, Priority.ALWAYS);
        banner = new HBox(10, bannerIcon, allowed, rerun);
        banner.getStyleClass().add("accesses-banner");
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.setVisible(false);
        banner.managedProperty().bind(banner.visibleProperty());

        SortedList<AccessRow> sorted = new SortedList<>(model.shown());
        // denials first, as they came, until the user sorts by a column
        sorted.comparatorProperty().bind(Bindings.createObjectBinding(() -> table.getComparator() != null
                ? table.getComparator() : DENIALS_FIRST, table.comparatorProperty()));
        table.setItems(sorted);
        table.setId("accesses-table");
        // one height for every row: the table then never measures rows, which under a flood of new rows cost the
        // window pulses of most of a second (AccessesFloodBenchmark)
        table.setFixedCellSize(ROW_HEIGHT);
        table.getStyleClass().add(Styles.DENSE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("Nothing yet: the accesses the program tries show here as it runs."));
        table.getColumns().add(column("Process", 110, AccessRow::process));
        table.getColumns().add(column("Operation", 110, AccessRow::operation));
        table.getColumns().add(column("Path or port", 200, AccessRow::target));
        TableColumn<AccessRow, Number> count = new TableColumn<>("Count");
        count.setId("count-column");
        count.setCellValueFactory(cell -> cell.getValue().countProperty());
        count.setPrefWidth(64);
        count.setMaxWidth(90);
        count.setStyle("-fx-alignment: center-right;");
        table.getColumns().add(count);
        TableColumn<AccessRow, AccessRow> verdict = new TableColumn<>("Verdict");
        verdict.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        verdict.setCellFactory(column -> new VerdictCell(actions, row -> AccessExplanation.of(row,
                model.modelProperty().get()), kernelAbi, this::allow));
        verdict.setPrefWidth(420);
        verdict.setSortable(false);
        table.getColumns().add(verdict);
        table.setRowFactory(view -> new TableRow<>() {
            @Override
            protected void updateItem(AccessRow item, boolean empty) {
                super.updateItem(item, empty);
                pseudoClassStateChanged(DENIED, !empty && item != null && item.denied());
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);
        Label detail = new Label();
        detail.setId("access-detail");
        detail.setWrapText(true);
        detail.setMinHeight(Region.USE_PREF_SIZE);
        detail.setMaxWidth(Double.MAX_VALUE);
        detail.getStyleClass().add("access-detail");
        detail.textProperty().bind(Bindings.createStringBinding(() -> describe(table.getSelectionModel()
                .getSelectedItem()), table.getSelectionModel().selectedItemProperty()));
        VBox content = new VBox(filters, banner, table, detail);
        setCenter(content);
    }

    /** The height of a row: a line of text beside the small Allow and Explain buttons. */
    static final double ROW_HEIGHT = 30;
    private static final Comparator<AccessRow> DENIALS_FIRST = (a, b) -> Boolean.compare(b.denied(),
            a.denied());
    private static final PseudoClass DENIED = PseudoClass.getPseudoClass("denied");
    private static final PseudoClass RISKY = PseudoClass.getPseudoClass("risky");

    /**
     * Allow: a rule the lint calls an error is added only once the user confirms, naming the findings; the line
     * after it then warns (amber) instead of confirming (green).
     */
    private void allow(AccessRow row) {
        List<String> risks = actions.risks(row);
        if (!risks.isEmpty() && !Dialogs.confirmDanger(getScene() == null ? null : getScene().getWindow(),
                "The rule Allow would add is flagged by the lint", "Adding it lets the program do more than this "
                        + "access needs:\n\n" + String.join("\n", risks) + "\n\nAdd it anyway?", "Add anyway")) {
            return;
        }
        String message = actions.allow(row);
        // the findings by name only ("broad-rule on /"): the dialog said what each lets a program do
        allowed.setText(message + (risks.isEmpty() ? "." : ". The lint flags it: " + String.join(", ",
                risks.stream().map(risk -> risk.substring(0, Math.max(0, risk.indexOf(": ")))).toList())
                + " (Warnings says why)."));
        banner.pseudoClassStateChanged(RISKY, !risks.isEmpty());
        bannerIcon.setIconLiteral(risks.isEmpty() ? "fth-check-circle" : "fth-alert-triangle");
        banner.setVisible(true);
    }

    /** The selected row in full: who did what, how often, and the verdict's sentence. */
    private static String describe(AccessRow row) {
        if (row == null) {
            return "Select a row to read its verdict in full; Explain says which rights it needs and which rules "
                    + "cover it.";
        }
        return row.process() + (row.pid() > 0 ? " (pid " + row.pid() + ")" : "") + " tried to " + row.operation()
                + " " + row.target() + (row.countProperty().get() > 1 ? ", " + String.format(Locale.ROOT, "%,d",
                row.countProperty().get()) + " times" : "") + ". " + (row.denied() ? "Denied: " : "")
                + row.sentence() + (row.fix() == null ? "." : ". Allow adds " + row.fix().describe() + ".");
    }

    TableView<AccessRow> table() {
        return table;
    }

    private static TextField filterField(String id, String prompt, String text) {
        TextField field = new TextField(text);
        field.setId(id);
        field.setPromptText(prompt);
        field.setMinWidth(70);
        return field;
    }

    private static TableColumn<AccessRow, String> column(String title, double width,
                                                          Function<AccessRow, String> text) {
        TableColumn<AccessRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
        column.setPrefWidth(width);
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                Forms.tip(this, empty || item == null || item.isEmpty() ? null : item);
            }
        });
        return column;
    }

    private static final class OperationCell extends ListCell<Operation> {
        @Override
        protected void updateItem(Operation item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty ? null : item == null ? "Any operation" : item.words());
        }
    }

    /**
     * The verdict: for a denial, the sentence of what was missing, with Allow and Explain; otherwise what allowed it
     * or why nothing is checked.
     */
    private static final class VerdictCell extends TableCell<AccessRow, AccessRow> {
        private final Label text = new Label();
        private final Button allow = new Button("Allow", Forms.icon("fth-plus"));
        private final Button explain = new Button("Explain", Forms.icon("fth-help-circle"));
        private final HBox box;

        VerdictCell(Actions actions, Function<AccessRow, AccessExplanation> explainer, int kernelAbi,
                    Consumer<AccessRow> allowed) {
            allow.setId("allow");
            explain.setId("explain");
            for (Button button : new Button[] {allow, explain}) {
                button.getStyleClass().addAll(Styles.SMALL);
                button.setMinWidth(Region.USE_PREF_SIZE);
            }
            allow.getStyleClass().add(Styles.SUCCESS);
            allow.setOnAction(e -> {
                getTableView().getSelectionModel().select(getItem());
                allowed.accept(getItem());
            });
            explain.setOnAction(e -> {
                AccessRow row = getItem();
                getTableView().getSelectionModel().select(row);
                ExplainPopover.show(explain, explainer.apply(row), kernelAbi, actions::help,
                        row.denied() && row.fix() != null ? () -> allowed.accept(row) : null);
            });
            text.setMinWidth(0);
            text.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(text, Priority.ALWAYS);
            box = new HBox(6, text, allow, explain);
            box.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(AccessRow item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                Forms.tip(this, null);
                return;
            }
            boolean denied = item.denied();
            text.setText(denied ? item.sentence() : item.verdictLabel());
            text.getStyleClass().removeAll(Styles.DANGER, "text-muted");
            text.getStyleClass().add(denied ? Styles.DANGER : "text-muted");
            allow.setVisible(denied && item.fix() != null);
            // once allowed, the button says so until the run again shows whether it was enough
            allow.disableProperty().bind(item.allowedProperty());
            allow.textProperty().bind(Bindings.when(item.allowedProperty()).then("Added").otherwise("Allow"));
            allow.setManaged(allow.isVisible());
            // every verdict can be explained; the button stands out where something was denied
            explain.getStyleClass().remove(Styles.FLAT);
            if (!denied) {
                explain.getStyleClass().add(Styles.FLAT);
            }
            Forms.tip(this, item.sentence() + (item.fix() == null ? "" : "\nAllow adds " + item.fix().describe()
                    + "."));
            setGraphic(box);
        }
    }
}
