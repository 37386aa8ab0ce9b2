package dev.paddock.app.view;

import atlantafx.base.theme.Styles;
import dev.paddock.app.model.Workspace;
import dev.paddock.core.landlock.Feature;
import dev.paddock.core.landlock.LandlockSupport;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The kernel, always visible: release, Landlock ABI, and a badge per feature area; a click opens the matrix. */
final class StatusBar extends HBox {

    /** A feature area and the feature that brought it. */
    private record Area(String name, Feature feature) {
    }

    StatusBar(Workspace workspace) {
        setId("status-bar");
        getStyleClass().add("status-bar");
        LandlockSupport support = workspace.support();
        Label kernel = new Label("Linux " + support.kernelRelease());
        kernel.setGraphic(Forms.icon("fth-cpu"));
        Button abi = new Button(support.available() ? "Landlock ABI " + support.abi() : "No Landlock");
        abi.setId("abi-badge");
        abi.getStyleClass().addAll(Styles.SMALL, support.available() ? Styles.SUCCESS : Styles.DANGER);
        abi.setOnAction(e -> new KernelPanel(support, workspace.lessons()).show(getScene().getWindow()));
        Forms.tip(abi, support.summary() + ". Click for every feature and whether this kernel enforces it.");
        getChildren().addAll(kernel, abi);
        kernel.setMinWidth(Region.USE_PREF_SIZE);
        abi.setMinWidth(Region.USE_PREF_SIZE);
        for (Area area : new Area[] {new Area("filesystem", Feature.FILESYSTEM), new Area("TCP", Feature.TCP),
                new Area("scopes", Feature.SCOPES), new Area("audit", Feature.AUDIT_FLAGS),
                new Area("unix sockets", Feature.RESOLVE_UNIX), new Area("UDP", Feature.UDP)}) {
            boolean here = support.has(area.feature());
            Button badge = new Button(area.name());
            badge.getStyleClass().addAll("feature-badge", Styles.SMALL, here ? "enforced" : "absent");
            Forms.tip(badge, here ? area.name() + " can be restricted here (ABI " + area.feature().abi() + ")"
                    : area.name() + " cannot be restricted here: " + (area.feature().availableOn(support.abi())
                    ? "this kernel lacks part of it" : "needs " + area.feature().requirement()));
            badge.setOnAction(abi.getOnAction());
            badge.setMinWidth(Region.USE_PREF_SIZE);
            getChildren().add(badge);
        }
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        // the kernel's badges keep their size; a long message gives way, and its tooltip has all of it
        Label message = new Label();
        message.setId("status-message");
        message.textProperty().bind(workspace.messageProperty());
        message.textProperty().addListener((obs, old, text) -> Forms.tip(message, text));
        message.getStyleClass().add("text-muted");
        message.setMinWidth(0);
        spacer.setMinWidth(0);
        getChildren().addAll(spacer, message);
    }
}
