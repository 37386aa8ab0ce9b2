package dev.paddock.app.view;

import atlantafx.base.theme.Styles;
import dev.paddock.app.model.KernelModel;
import dev.paddock.app.model.LessonModel;
import dev.paddock.app.model.Workspace;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import java.util.function.Consumer;

/** The kernel, always visible: release, Landlock ABI, and a badge per feature area; a click opens the matrix. */
final class StatusBar extends HBox {

    /**
     * @param help opens the help at a right's entry (the kernel panel's Help links)
     * @param openLesson opens a lesson (the kernel panel's Lesson links), asking about unsaved changes first
     */
    StatusBar(Workspace workspace, Consumer<String> help, Consumer<LessonModel.Item> openLesson) {
        setId("status-bar");
        getStyleClass().add("status-bar");
        KernelModel support = workspace.kernel();
        Label kernel = new Label("Linux " + support.kernelRelease());
        kernel.setGraphic(Forms.icon("fth-cpu"));
        Button abi = new Button(support.abiBadge());
        abi.setId("abi-badge");
        abi.getStyleClass().addAll(Styles.SMALL, support.available() ? Styles.SUCCESS : Styles.DANGER);
        abi.setOnAction(e -> new KernelPanel(support, workspace.lessons(), openLesson, help).show(getScene().getWindow()));
        Forms.tip(abi, support.summary() + ". Click for every feature and whether this kernel enforces it.");
        getChildren().addAll(kernel, abi);
        kernel.setMinWidth(Region.USE_PREF_SIZE);
        abi.setMinWidth(Region.USE_PREF_SIZE);
        for (KernelModel.Area area : support.areas()) {
            Button badge = new Button(area.name());
            badge.getStyleClass().addAll("feature-badge", Styles.SMALL, area.enforced() ? "enforced" : "absent");
            Forms.tip(badge, area.tip());
            badge.setOnAction(abi.getOnAction());
            badge.setMinWidth(Region.USE_PREF_SIZE);
            getChildren().add(badge);
        }
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        // the kernel's badges keep their size; a long message wraps in the width left beside them (the bar grows a
        // line rather than cut it: "saving puts a co…" was all a new user saw), and its tooltip has all of it too
        Label message = new Label();
        message.setId("status-message");
        message.textProperty().bind(workspace.messageProperty());
        message.textProperty().addListener((obs, old, text) -> Forms.tip(message, text));
        message.getStyleClass().add("text-muted");
        message.setWrapText(true);
        message.setMinWidth(0);
        message.setMinHeight(Region.USE_PREF_SIZE);
        spacer.setMinWidth(0);
        getChildren().addAll(spacer, message);
    }
}
