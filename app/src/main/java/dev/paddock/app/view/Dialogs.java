package dev.paddock.app.view;

import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputDialog;
import javafx.stage.Window;

import java.util.Optional;

/** The few dialogs the window needs, each one sentence and clear buttons. */
final class Dialogs {

    /** The answers to "unsaved changes". */
    enum Choice { SAVE, DISCARD, CANCEL }

    private Dialogs() {
    }

    static Optional<Choice> unsavedChanges(Window owner, String name) {
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Discard changes", ButtonBar.ButtonData.NO);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "\"" + name + "\" has changes that are not saved.",
                save, discard, ButtonType.CANCEL);
        alert.initOwner(owner);
        alert.setHeaderText("Save the changes first?");
        return alert.showAndWait().map(button -> button == save ? Choice.SAVE
                : button == discard ? Choice.DISCARD : Choice.CANCEL);
    }

    static boolean confirm(Window owner, String header, String text) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, text, ButtonType.OK, ButtonType.CANCEL);
        alert.initOwner(owner);
        alert.setHeaderText(header);
        return alert.showAndWait().filter(ButtonType.OK::equals).isPresent();
    }

    /** A confirmation whose OK button names the dangerous action; Cancel is the default. */
    static boolean confirmDanger(Window owner, String header, String text, String action) {
        ButtonType proceed = new ButtonType(action, ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.WARNING, text, ButtonType.CANCEL, proceed);
        alert.initOwner(owner);
        alert.setHeaderText(header);
        ((Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        ((Button) alert.getDialogPane().lookupButton(proceed)).setDefaultButton(false);
        return alert.showAndWait().filter(proceed::equals).isPresent();
    }

    static void error(Window owner, String header, String text) {
        show(owner, Alert.AlertType.ERROR, header, Forms.sentence(text));
    }

    static void info(Window owner, String header, String text) {
        show(owner, Alert.AlertType.INFORMATION, header, text);
    }

    private static void show(Window owner, Alert.AlertType type, String header, String text) {
        Alert alert = new Alert(type, text, ButtonType.OK);
        alert.initOwner(owner);
        alert.setHeaderText(header);
        alert.showAndWait();
    }

    static Optional<String> line(Window owner, String title, String label, String initial) {
        TextInputDialog dialog = new TextInputDialog(initial);
        dialog.initOwner(owner);
        dialog.setTitle(title);
        dialog.setHeaderText(null);
        dialog.setContentText(label);
        return dialog.showAndWait().map(String::strip).filter(s -> !s.isEmpty());
    }

    static Optional<String> text(Window owner, String title, String header) {
        Dialog<String> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(title);
        dialog.setHeaderText(header);
        TextArea area = new TextArea();
        area.setId("import-text");
        area.setPromptText("a landrun line, e.g. landrun --rox /usr --ro /etc -- ls /etc");
        area.setWrapText(true);
        area.setPrefRowCount(4);
        dialog.getDialogPane().setContent(area);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.setResultConverter(button -> button == ButtonType.OK ? area.getText() : null);
        return dialog.showAndWait().filter(s -> !s.isBlank());
    }
}
