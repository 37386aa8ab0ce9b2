package dev.paddock.app.view;

import dev.paddock.app.model.EditorModel;
import dev.paddock.app.model.KernelModel;
import dev.paddock.app.model.Right;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** IPC scopes: signals and abstract UNIX sockets outside the sandbox. */
final class ScopesSection extends VBox {

    ScopesSection(EditorModel model, KernelModel support) {
        VBox boxes = new VBox(10);
        for (Right scope : support.scopes()) {
            CheckBox box = new CheckBox(scope.title());
            box.setId("scope-" + scope.id());
            box.selectedProperty().bindBidirectional(model.scopeProperty(scope));
            Label help = new Label(scope.explanation() + (scope.newerThanKernel()
                    ? " Not on this kernel: needs " + scope.needs() + "." : ""));
            help.getStyleClass().add("text-muted");
            help.setWrapText(true);
            if (scope.newerThanKernel()) {
                box.getStyleClass().add("unsupported");
            }
            Forms.tip(box, scope.explanation());
            boxes.getChildren().add(new VBox(2, box, help));
        }
        getChildren().add(Forms.section("Scopes", "Scopes cut the sandbox off from processes outside it. Turn one off "
                + "only when the command must talk to the desktop (some X11 and D-Bus set-ups use abstract sockets).",
                boxes));
    }
}
