package dev.paddock.app.view;

import atlantafx.base.theme.Styles;
import dev.paddock.app.model.EditorModel;
import dev.paddock.app.model.KernelModel;
import dev.paddock.app.model.PredictionModel;
import dev.paddock.core.policy.AccessMode;
import dev.paddock.core.policy.PathPreset;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;

import java.io.File;

/** The filesystem: path rules, presets, add-exec and ldd, and the unrestricted switch. */
final class FilesystemSection extends VBox {

    FilesystemSection(EditorModel model, PredictionModel prediction, KernelModel kernel) {
        PathRulesTable table = new PathRulesTable(model, kernel);
        table.disableProperty().bind(model.unrestrictedFilesystemProperty());

        MenuButton presets = new MenuButton("Presets", Forms.icon("fth-layers"));
        presets.setId("presets");
        for (PathPreset preset : PathPreset.values()) {
            MenuItem item = new MenuItem(preset.title());
            item.setOnAction(e -> {
                preset.rules().forEach(model::addPathIfAbsent);
            });
            presets.getItems().add(item);
        }
        Forms.tip(presets, "Typical rules in one step. The rules of presets with paths that may not exist on "
                + "every system are optional: skipped where the path is missing.");
        Button addFolder = new Button("", Forms.icon("fth-folder-plus"));
        Forms.tip(addFolder, "Add a folder, read-only");
        addFolder.setOnAction(e -> {
            File dir = new DirectoryChooser().showDialog(getScene().getWindow());
            if (dir != null) {
                model.addPathIfAbsent(dir.getAbsolutePath(), AccessMode.RO);
            }
        });
        Button addFile = new Button("", Forms.icon("fth-file-plus"));
        Forms.tip(addFile, "Add a file, read-only");
        addFile.setOnAction(e -> {
            File file = new FileChooser().showOpenDialog(getScene().getWindow());
            if (file != null) {
                model.addPathIfAbsent(file.getAbsolutePath(), AccessMode.RO);
            }
        });
        Button addTyped = new Button("Add path", Forms.icon("fth-plus"));
        addTyped.setId("add-path");
        // a new row starts empty, in view, with its path field taking what is typed; it was "/" out of sight
        addTyped.setOnAction(e -> table.editPath(model.addPath("", EditorModel.defaultAccess())));
        CheckBox unrestricted = new CheckBox("Unrestricted filesystem");
        unrestricted.setId("unrestricted-filesystem");
        unrestricted.selectedProperty().bindBidirectional(model.unrestrictedFilesystemProperty());
        Forms.tip(unrestricted, "Handle no filesystem right at all: the rules above are ignored and the "
                + "command may read, write and run anything its user can.");
        unrestricted.getStyleClass().add(Styles.DANGER);
        HBox tools = new HBox(8, addTyped, addFolder, addFile, presets);
        tools.setMinHeight(Region.USE_PREF_SIZE);

        CheckBox addExec = new CheckBox("add-exec: allow the program itself");
        addExec.selectedProperty().bindBidirectional(model.addExecProperty());
        Forms.tip(addExec, "Adds a read-and-execute rule for the program's binary, wherever it is.");
        CheckBox ldd = new CheckBox("ldd: allow its interpreter and libraries");
        ldd.selectedProperty().bindBidirectional(model.lddProperty());
        Forms.tip(ldd, "Reads the program's ELF headers (it never runs it) and allows its ELF "
                + "interpreter to execute and its shared libraries to be read.");
        Label added = new Label();
        added.setWrapText(true);
        added.getStyleClass().add("text-muted");
        added.textProperty().bind(prediction.addedRulesProperty());

        VBox section = Forms.section("Filesystem", "Everything on disk is denied unless a rule allows it. A rule "
                + "covers its path and everything beneath it; ro reads, rox also runs, rw also writes, creates and "
                + "removes, rwx does all of it.", tools, table, new FlowPane(16, 6, addExec, ldd,
                unrestricted), added);
        // the table takes the height the section has to spare, and never less than five rows
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox.setVgrow(section, Priority.ALWAYS);
        table.setMinHeight(200);
        table.setPrefHeight(200);
        getChildren().add(section);
    }
}
