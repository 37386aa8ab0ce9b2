package dev.paddock.app.view;

import dev.paddock.core.landlock.Abi;
import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.landlock.LandlockSupport;
import dev.paddock.core.policy.PathAccess;
import dev.paddock.core.policy.RightSet;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;

/** One checkbox per filesystem right, each explained; rights this kernel cannot enforce say what they need. */
final class RightsDialog extends Dialog<PathAccess> {

    RightsDialog(PathAccess current, LandlockSupport support) {
        setTitle("Custom rights");
        setHeaderText("Choose exactly what this path allows");
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(6);
        Map<FsAccess, CheckBox> boxes = new EnumMap<>(FsAccess.class);
        int row = 0;
        for (FsAccess right : FsAccess.values()) {
            CheckBox box = new CheckBox(right.id());
            box.setId("right-" + right.id());
            box.setSelected(current.rightsFor(true).contains(right));
            Label explanation = new Label(right.explanation());
            explanation.getStyleClass().add("text-muted");
            if (right.abi() > support.abi()) {
                explanation.setText("needs " + Abi.describe(right.abi()) + " - " + right.explanation());
                box.getStyleClass().add("unsupported");
                explanation.getStyleClass().add("unsupported");
            }
            if (!right.validOnFile()) {
                Forms.tip(box, "Only means something on a folder; on a file it is dropped.");
            }
            boxes.put(right, box);
            grid.add(box, 0, row);
            grid.add(explanation, 1, row++);
        }
        getDialogPane().setContent(grid);
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        setResultConverter(button -> {
            if (button != ButtonType.OK) {
                return null;
            }
            EnumSet<FsAccess> rights = EnumSet.noneOf(FsAccess.class);
            boxes.forEach((right, box) -> {
                if (box.isSelected()) {
                    rights.add(right);
                }
            });
            return rights.isEmpty() ? null : new RightSet(rights);
        });
    }
}
