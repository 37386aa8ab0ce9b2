package dev.paddock.app.view;

import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;

/** Small helpers shared by the views: form layout, tooltips, icons. */
final class Forms {
    /** Keys in a control's properties: its tooltip's text, and whether it makes its tooltip on entry. */
    private static final String TIP_TEXT = "paddock.tip";
    private static final String TIP_HANDLER = "paddock.tip.handler";

    /** The width of a form's labels, and the gap between a label and its field. */
    static final double LABEL_WIDTH = 130;
    static final double GAP = 12;

    private Forms() {
    }

    /** A two-column form: labels on the left, growing fields on the right. */
    static GridPane grid() {
        GridPane grid = new GridPane();
        grid.setHgap(GAP);
        grid.setVgap(10);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(LABEL_WIDTH);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(labels, fields);
        return grid;
    }

    /**
     * A labelled row. Label and field share a baseline, so the label stays beside the first line of a field that is
     * taller than one line (a port field with its chips, a list of checkboxes) instead of floating to its middle.
     */
    static void row(GridPane grid, String label, Node field) {
        int row = grid.getRowCount();
        Label text = new Label(label);
        text.getStyleClass().add("form-label");
        GridPane.setValignment(text, VPos.BASELINE);
        GridPane.setValignment(field, VPos.BASELINE);
        grid.add(text, 0, row);
        grid.add(field, 1, row);
    }

    /** A muted sentence under a control, wrapped to the width it is given. */
    static Label help(String text) {
        Label help = new Label(text);
        help.setWrapText(true);
        help.setMinHeight(Region.USE_PREF_SIZE);
        help.getStyleClass().add("text-muted");
        return help;
    }

    /** A section's content: a title, a line of explanation, then the content. */
    static VBox section(String title, String explanation, Node... content) {
        Label heading = new Label(title);
        heading.getStyleClass().add("title-4");
        Label help = new Label(explanation);
        help.setWrapText(true);
        help.getStyleClass().add("text-muted");
        VBox box = new VBox(10, heading, help);
        box.getChildren().addAll(content);
        box.setPadding(new Insets(16));
        return box;
    }

    /**
     * Gives the control a tooltip with this text, or none for null or "". The Tooltip itself (a popup window) is made
     * when the pointer first enters the control: the window has some thirty of them, and making them all up front
     * delayed its first frame by tens of milliseconds. Screen readers have the text from the start.
     */
    static void tip(Control control, String text) {
        boolean none = text == null || text.isEmpty();
        control.setAccessibleHelp(none ? null : text);
        control.getProperties().put(TIP_TEXT, none ? "" : text);
        if (control.getTooltip() != null) {
            updateTip(control);
        }
        if (control.getProperties().putIfAbsent(TIP_HANDLER, Boolean.TRUE) == null) {
            control.addEventHandler(MouseEvent.MOUSE_ENTERED, e -> updateTip(control));
        }
    }

    private static void updateTip(Control control) {
        String text = (String) control.getProperties().getOrDefault(TIP_TEXT, "");
        if (text.isEmpty()) {
            control.setTooltip(null);
        } else if (control.getTooltip() == null) {
            Tooltip tooltip = new Tooltip(text);
            tooltip.setWrapText(true);
            tooltip.setMaxWidth(420);
            tooltip.setShowDelay(Duration.millis(300));
            control.setTooltip(tooltip);
        } else {
            control.getTooltip().setText(text);
        }
    }

    static FontIcon icon(String literal) {
        return new FontIcon(literal);
    }
}
