package dev.paddock.app.view;

import atlantafx.base.theme.Styles;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.function.Function;

/**
 * Ports as removable chips, and a field that adds one (or several, comma-separated) with validation. The label sits
 * on the field's line and everything else under the field, as in a form's row: a label centred on the whole block
 * read as the label of the field below it.
 */
final class PortChips extends VBox {
    private final FlowPane chips = new FlowPane(6, 6);
    private final Label error = new Label();
    private final String none;

    /**
     * @param label the row's label
     * @param help  what the ports are for, shown under the field
     * @param add   adds a port from text and returns the error sentence, or null
     */
    PortChips(String label, String id, String prompt, String help, ObservableList<Integer> ports,
              Function<String, String> add) {
        this(label, id, prompt, help, ports, add, "none: every port is denied");
    }

    /** @param none what an empty list means */
    PortChips(String label, String id, String prompt, String help, ObservableList<Integer> ports,
              Function<String, String> add, String none) {
        this.none = none;
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.setPrefColumnCount(14);
        Button button = new Button("Add", Forms.icon("fth-plus"));
        button.setMinWidth(Region.USE_PREF_SIZE); // the field gives way, never "Add"
        field.setMinWidth(90);
        button.setOnAction(e -> {
            error.setText("");
            for (String part : field.getText().split("[,\\s]+")) {
                if (part.isBlank()) {
                    continue;
                }
                String problem = add.apply(part);
                if (problem != null) {
                    error.setText(problem);
                    return;
                }
            }
            field.clear();
        });
        field.setOnAction(button.getOnAction());
        error.getStyleClass().add(Styles.DANGER);
        ports.addListener((ListChangeListener<Integer>) change -> render(ports));
        render(ports);
        error.managedProperty().bind(error.textProperty().isNotEmpty());
        Label name = new Label(label);
        name.getStyleClass().add("form-label");
        name.setMinWidth(Forms.LABEL_WIDTH);
        HBox line = new HBox(6, name, field, button);
        line.setAlignment(Pos.CENTER_LEFT);
        HBox.setMargin(field, new Insets(0, 0, 0, Forms.GAP - 6));
        VBox below = new VBox(6, Forms.help(help), error, chips);
        below.setPadding(new Insets(0, 0, 0, Forms.LABEL_WIDTH + Forms.GAP));
        getChildren().addAll(line, below);
        setSpacing(6);
    }

    private void render(ObservableList<Integer> ports) {
        chips.getChildren().clear();
        if (ports.isEmpty()) {
            Label empty = new Label(none);
            empty.getStyleClass().add("text-muted");
            chips.getChildren().add(empty);
        }
        for (Integer port : ports) {
            Button remove = new Button("", Forms.icon("fth-x"));
            remove.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL);
            remove.setOnAction(e -> ports.remove(port));
            Label chip = new Label(port == 0 ? "0 (ephemeral)" : port.toString(), remove);
            chip.setContentDisplay(ContentDisplay.RIGHT);
            chip.getStyleClass().add("chip");
            chips.getChildren().add(chip);
        }
    }
}
