package dev.paddock.app.view;

import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
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
     * A labelled row. The label is as tall as the field's first line and centred on it, so it stays beside that line
     * when the field is taller (a list of checkboxes, a field with a button) instead of floating to the middle. (A
     * shared baseline did that for plain fields but not for a field beside a button.)
     */
    static void row(GridPane grid, String label, Node field) {
        int row = grid.getRowCount();
        Label text = new Label(label);
        text.getStyleClass().add("form-label");
        text.setAlignment(Pos.CENTER_LEFT);
        text.setMinWidth(Region.USE_PREF_SIZE); // the field gives way, never the label ("Working direct...")
        Region line = firstLine(field);
        if (line != null) {
            text.minHeightProperty().bind(line.heightProperty());
        }
        GridPane.setValignment(text, VPos.TOP);
        GridPane.setValignment(field, VPos.TOP);
        grid.add(text, 0, row);
        grid.add(field, 1, row);
    }

    /** The node that makes a field's first line: a row of controls, the first of a column, or a one-line control. */
    private static Region firstLine(Node field) {
        if (field instanceof VBox column) {
            return column.getChildren().isEmpty() ? null : firstLine(column.getChildren().get(0));
        }
        if (field instanceof TextArea) {
            return null; // many lines: the label stays at the top
        }
        return field instanceof Region region ? region : null;
    }

    /**
     * A message of core's, shown on its own, as a sentence: its first word capitalised ("the working directory ...
     * does not exist" becomes "The working directory ..."). Core's messages start in lower case because the CLI
     * prints them after "paddock: ". A message that starts with a name ("broken.json: ...", "ls: ..."), a path, a
     * number or an identifier ("bindTcp") keeps it as it is.
     */
    static String sentence(String message) {
        if (message == null || message.isEmpty() || !Character.isLowerCase(message.charAt(0))) {
            return message;
        }
        int end = 0;
        while (end < message.length() && Character.isLetter(message.charAt(end))) {
            end++;
        }
        String word = message.substring(0, end);
        boolean plainWord = word.chars().allMatch(Character::isLowerCase)
                && (end == message.length() || message.charAt(end) == ' ' || message.charAt(end) == ',');
        return plainWord ? Character.toUpperCase(message.charAt(0)) + message.substring(1) : message;
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
        Label help = help(explanation);
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

    /**
     * Puts text on the clipboard and says so on the button for a moment ("Copied", with a check), since nothing else
     * shows that a copy happened.
     */
    static void copy(Button button, String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
        if (!button.getProperties().containsKey(COPY_LABEL)) {
            button.getProperties().put(COPY_LABEL, button.getText());
            button.getProperties().put(COPY_ICON, button.getGraphic());
        }
        button.setText("Copied");
        button.setGraphic(icon("fth-check"));
        PauseTransition back = (PauseTransition) button.getProperties()
                .computeIfAbsent(COPY_TIMER, key -> new PauseTransition(Duration.millis(1500)));
        back.setOnFinished(e -> {
            button.setText((String) button.getProperties().get(COPY_LABEL));
            button.setGraphic((Node) button.getProperties().get(COPY_ICON));
        });
        back.playFromStart();
    }

    private static final String COPY_LABEL = "paddock.copy.label";
    private static final String COPY_ICON = "paddock.copy.icon";
    private static final String COPY_TIMER = "paddock.copy.timer";

    static FontIcon icon(String literal) {
        return new FontIcon(literal);
    }
}
