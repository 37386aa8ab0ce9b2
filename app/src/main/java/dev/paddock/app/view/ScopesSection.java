package dev.paddock.app.view;

import dev.paddock.app.model.EditorModel;
import dev.paddock.core.landlock.Abi;
import dev.paddock.core.landlock.LandlockSupport;
import dev.paddock.core.landlock.Scope;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** IPC scopes: signals and abstract UNIX sockets outside the sandbox. */
final class ScopesSection extends VBox {

    ScopesSection(EditorModel model, LandlockSupport support) {
        VBox boxes = new VBox(10);
        for (Scope scope : Scope.values()) {
            CheckBox box = new CheckBox(scope == Scope.SIGNAL ? "Restrict signals" : "Restrict abstract UNIX sockets");
            box.setId("scope-" + scope.id());
            box.selectedProperty().bindBidirectional(model.scopeProperty(scope));
            Label help = new Label(scope.explanation() + (scope.abi() > support.abi()
                    ? " Not on this kernel: needs " + Abi.describe(scope.abi()) + "." : ""));
            help.getStyleClass().add("text-muted");
            help.setWrapText(true);
            if (scope.abi() > support.abi()) {
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
