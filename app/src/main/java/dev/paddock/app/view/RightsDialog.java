package dev.paddock.app.view;

import dev.paddock.app.model.KernelModel;
import dev.paddock.app.model.Right;
import dev.paddock.core.policy.PathAccess;
import javafx.geometry.VPos;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Window;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One checkbox per filesystem right, each explained; rights this kernel cannot enforce say what they need. This is
 * the one place where the single rights are taught, so nothing in it is shortened: each right's name and its sentence
 * take the width they need on one line (the longest makes the dialog about 870 px wide), and the dialog sizes to fit.
 * Sentences are not wrapped because a grid cannot size a row for a wrapped label before it knows the column's width.
 */
final class RightsDialog extends Dialog<PathAccess> {

    RightsDialog(PathAccess current, KernelModel support, Window owner) {
        if (owner != null) {
            initOwner(owner);
            getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        setTitle("Custom rights");
        setHeaderText("Choose exactly what this path allows");
        setResizable(true);
        GridPane grid = new GridPane();
        grid.setId("rights-grid");
        grid.setHgap(14);
        grid.setVgap(5);
        ColumnConstraints names = new ColumnConstraints();
        names.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints sentences = new ColumnConstraints();
        sentences.setMinWidth(Region.USE_PREF_SIZE);
        sentences.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(names, sentences);
        Map<Right, CheckBox> boxes = new LinkedHashMap<>();
        int row = 0;
        for (Right right : support.filesystemRights()) {
            CheckBox box = new CheckBox(right.id());
            box.setId("right-" + right.id());
            box.setMnemonicParsing(false); // the underscores are the name's, not mnemonic markers
            box.setMinWidth(Region.USE_PREF_SIZE);
            box.setSelected(KernelModel.grants(current, right));
            String sentence = right.explanation() + (right.validOnFile() ? "" : " Folders only.");
            Label explanation = new Label(sentence);
            explanation.setMinWidth(Region.USE_PREF_SIZE);
            explanation.getStyleClass().add("text-muted");
            if (right.newerThanKernel()) {
                explanation.setText("Needs " + right.needs() + ". " + sentence);
                box.getStyleClass().add("unsupported");
                explanation.getStyleClass().add("unsupported");
            }
            if (!right.validOnFile()) {
                Forms.tip(box, "Only means something on a folder; on a file it is dropped.");
            }
            boxes.put(right, box);
            GridPane.setValignment(box, VPos.BASELINE);
            GridPane.setValignment(explanation, VPos.BASELINE);
            grid.add(box, 0, row);
            grid.add(explanation, 1, row++);
        }
        getDialogPane().setContent(grid);
        getDialogPane().setMinWidth(Region.USE_PREF_SIZE);
        getDialogPane().setMinHeight(Region.USE_PREF_SIZE);
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        setResultConverter(button -> {
            if (button != ButtonType.OK) {
                return null;
            }
            List<Right> rights = new ArrayList<>();
            boxes.forEach((right, box) -> {
                if (box.isSelected()) {
                    rights.add(right);
                }
            });
            return KernelModel.customAccess(rights);
        });
    }
}
